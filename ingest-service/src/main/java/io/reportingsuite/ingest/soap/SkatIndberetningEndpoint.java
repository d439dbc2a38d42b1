package io.reportingsuite.ingest.soap;

import io.reportingsuite.contracts.finding.Finding;
import io.reportingsuite.ingest.config.IngestConfig;
import io.reportingsuite.ingest.security.Caller;
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
import org.apache.cxf.message.Message;
import java.net.URI;
import java.util.GregorianCalendar;
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
    private final Caller caller;

    public SkatIndberetningEndpoint(SubmissionService submissions, IngestConfig config, Caller caller) {
        this.submissions = submissions;
        this.config = config;
        this.caller = caller;
    }

    @Override
    public SKATIndberetServiceResponse skatIndberetning(SKATIndberetServiceRequest request)
            throws SKATIndberetFault_Exception {
        try {
            Accepted a = submissions.submit(new Submission(request.getHovedIndberetningID(),
                    request.getIndberetning(), Submission.Channel.SOAP, caller.caseSystem()));
            SKATIndberetServiceResponse response = new SKATIndberetServiceResponse();
            response.setHovedIndberetningID(a.hovedIndberetningId());
            response.setStatus(StatusType.ACCEPTED);
            GregorianCalendar at = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            at.setTimeInMillis(a.receivedAt().toEpochMilli());
            response.setReceivedAt(DATES.newXMLGregorianCalendar(at));
            response.setRecords(a.records());
            response.setWarnings(a.warnings());
            response.setTrackingURL(baseUrl() + a.trackingPath());
            return response;
        } catch (Rejection r) {
            throw fault(r);
        }
    }

    /**
     * {@code ingest.public-base-url} when set (the address callers are told to use, e.g. behind a proxy),
     * else the scheme, host and port this call came to.
     */
    private String baseUrl() {
        if (config.publicBaseUrl().isPresent()) {
            return config.publicBaseUrl().get().replaceAll("/+$", "");
        }
        Object url = context.getMessageContext().get(Message.REQUEST_URL);
        URI called = URI.create(String.valueOf(url));
        return called.getScheme() + "://" + called.getRawAuthority();
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
