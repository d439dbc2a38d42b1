package io.reportingsuite.ingest.soap;

import io.reportingsuite.contracts.finding.Finding;
import io.reportingsuite.ingest.config.IngestConfig;
import io.reportingsuite.ingest.security.CallerAuthentication;
import io.reportingsuite.ingest.service.Accepted;
import io.reportingsuite.ingest.service.Rejection;
import io.reportingsuite.ingest.service.Submission;
import io.reportingsuite.ingest.service.SubmissionService;
import io.reportingsuite.ingest.soap.api.FindingType;
import io.reportingsuite.ingest.soap.api.SKATIndberetFault;
import io.reportingsuite.ingest.soap.api.SKATIndberetFault_Exception;
import io.reportingsuite.ingest.soap.api.SKATIndberetServiceRequest;
import io.reportingsuite.ingest.soap.api.SKATIndberetServiceResponse;
import io.reportingsuite.ingest.soap.api.SkatIndberetningPortType;
import io.reportingsuite.ingest.soap.api.StatusType;
import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;

/**
 * EP_FS1 {@code SkatIndberetning} (SPEC §2.3), implementing the interface generated from
 * {@code wsdl/SkatIndberetning.wsdl}. Schema validation of the request is on (application.properties);
 * every other refusal is a {@code SKATIndberetFault} listing the same findings the REST API gives.
 */
@WebService(serviceName = "SkatIndberetningService", portName = "SkatIndberetningPort",
        targetNamespace = "urn:reportingsuite:eindkomst:skatindberetning:1",
        endpointInterface = "io.reportingsuite.ingest.soap.api.SkatIndberetningPortType",
        wsdlLocation = "wsdl/SkatIndberetning.wsdl")
public class SkatIndberetningEndpoint implements SkatIndberetningPortType {

    private static final DatatypeFactory DATES;

    static {
        try {
            DATES = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Resource
    WebServiceContext context;

    private final SubmissionService submissions;
    private final IngestConfig config;

    public SkatIndberetningEndpoint(SubmissionService submissions, IngestConfig config) {
        this.submissions = submissions;
        this.config = config;
    }

    @Override
    public SKATIndberetServiceResponse skatIndberetning(SKATIndberetServiceRequest request)
            throws SKATIndberetFault_Exception {
        try {
            Accepted a = submissions.submit(new Submission(request.getHovedIndberetningID(),
                    request.getIndberetning(), Submission.Channel.SOAP, caller()));
            SKATIndberetServiceResponse response = new SKATIndberetServiceResponse();
            response.setHovedIndberetningID(a.hovedIndberetningId());
            response.setStatus(StatusType.ACCEPTED);
            GregorianCalendar at = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            at.setTimeInMillis(a.receivedAt().toEpochMilli());
            response.setReceivedAt(DATES.newXMLGregorianCalendar(at));
            response.setRecords(a.records());
            response.setWarnings(a.warnings());
            response.setTrackingURL(config.publicBaseUrl() + a.trackingPath());
            return response;
        } catch (Rejection r) {
            throw fault(r);
        }
    }

    /** The case system the authentication filter put in the request. */
    @SuppressWarnings("unchecked")
    private String caller() {
        Map<String, List<String>> headers = (Map<String, List<String>>) context.getMessageContext()
                .get(MessageContext.HTTP_REQUEST_HEADERS);
        if (headers != null) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (CallerAuthentication.CALLER_HEADER.equalsIgnoreCase(h.getKey()) && !h.getValue().isEmpty()) {
                    return h.getValue().get(0);
                }
            }
        }
        return "";
    }

    private static SKATIndberetFault_Exception fault(Rejection r) {
        SKATIndberetFault detail = new SKATIndberetFault();
        detail.setCode(r.kind().name());
        detail.setMessage(r.getMessage());
        for (Finding f : r.findings()) {
            FindingType t = new FindingType();
            t.setRule(f.rule());
            t.setSeverity(f.severity().name());
            t.setLine(f.line());
            t.setRecordType(f.recordType());
            t.setField(f.field());
            t.setFieldName(f.fieldName());
            t.setMessage(f.message());
            detail.getFinding().add(t);
        }
        return new SKATIndberetFault_Exception(r.getMessage(), detail);
    }
}
