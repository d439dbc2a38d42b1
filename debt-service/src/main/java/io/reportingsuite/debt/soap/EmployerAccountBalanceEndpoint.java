package io.reportingsuite.debt.soap;

import io.quarkus.security.identity.SecurityIdentity;
import io.reportingsuite.debt.rules.LegalContext;
import io.reportingsuite.debt.security.Consumers;
import io.reportingsuite.debt.service.BalanceAnswer;
import io.reportingsuite.debt.service.BalanceService;
import io.reportingsuite.debt.service.DebtMetrics;
import io.reportingsuite.debt.service.EmployerRef;
import io.reportingsuite.debt.soap.api.AttestationInformationType;
import io.reportingsuite.debt.soap.api.BalanceAmountsType;
import io.reportingsuite.debt.soap.api.BalanceAnalysisResultType;
import io.reportingsuite.debt.soap.api.DisputeType;
import io.reportingsuite.debt.soap.api.EmployerAccountBalance;
import io.reportingsuite.debt.soap.api.EmployerAccountBalancePortType;
import io.reportingsuite.debt.soap.api.EmployerIdType;
import io.reportingsuite.debt.soap.api.ExecutionResultType;
import io.reportingsuite.debt.soap.api.LegalContextCodeType;
import io.reportingsuite.debt.soap.api.MissingDeclarationQuartersType;
import io.reportingsuite.debt.soap.api.RequestDetailType;
import io.reportingsuite.debt.soap.api.ResponseType;
import io.reportingsuite.debt.soap.api.ResultCodeType;
import io.reportingsuite.debt.soap.api.WithholdingType;
import io.reportingsuite.debt.store.AuditWriter;
import jakarta.jws.WebService;
import jakarta.xml.ws.Holder;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapFault;

/**
 * SOAP {@code EmployerAccountBalance} (SPEC §6.2), implementing the interface generated from
 * {@code wsdl/EmployerAccountBalance.wsdl}: the request comes back with one {@code Response} per
 * {@code RequestDetail}, each with its own {@code ExecutionResult}. A consumer not authorised for the
 * legal context gets a fault (and every detail is audited as NOT_AUTHORIZED). CXF calls this on a worker
 * thread, which waits for the group commit of the query's audit rows ({@link AuditWriter}) before the response
 * leaves; rows not committed turn the answer into a {@code Server} fault.
 */
@WebService(serviceName = "EmployerAccountBalanceService", portName = "EmployerAccountBalancePort",
        targetNamespace = "http://socialsecurity.be/xml/ns/accountbalance",
        endpointInterface = "io.reportingsuite.debt.soap.api.EmployerAccountBalancePortType",
        wsdlLocation = "wsdl/EmployerAccountBalance.wsdl")
public class EmployerAccountBalanceEndpoint implements EmployerAccountBalancePortType {

    private static final DatatypeFactory DATES;

    static {
        try {
            DATES = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final BalanceService balances;
    private final Consumers consumers;
    private final AuditWriter audit;
    private final SecurityIdentity identity;
    private final DebtMetrics metrics;

    public EmployerAccountBalanceEndpoint(BalanceService balances, Consumers consumers, AuditWriter audit,
            SecurityIdentity identity, DebtMetrics metrics) {
        this.balances = balances;
        this.consumers = consumers;
        this.audit = audit;
        this.identity = identity;
        this.metrics = metrics;
    }

    @Override
    public void getEmployerAccountBalance(Holder<EmployerAccountBalance> body) {
        EmployerAccountBalance message = body.value;
        LegalContextCodeType code = message.getRequest().getLegalContextInformation().getLegalContext();
        if (code == null) {
            // An unknown enumeration value reaches here as null when it passed the parser.
            throw new SoapFault("INVALID_REQUEST: LegalContext must be one of PUBLIC_PROCUREMENT, ART_30BIS,"
                    + " SUSPENSION_ENFORCEABILITY, OTHER_ARTICLE.", new QName(SoapFaultNames.SOAP11_ENV, "Client"));
        }
        LegalContext context = LegalContext.valueOf(code.value());
        List<BalanceService.Item> items = new ArrayList<>();
        for (RequestDetailType detail : message.getRequest().getRequestDetail()) {
            items.add(new BalanceService.Item(employer(detail.getEmployerId()), date(detail.getClosingDate())));
        }
        String consumer = consumers.name(identity);
        try {
            if (!consumers.allowed(consumer, context)) {
                BalanceAnswer refused = BalanceAnswer.failed("NOT_AUTHORIZED", null, context.name(), null);
                List<BalanceAnswer> answers = items.stream().map(i -> refused).toList();
                audit.await(balances.audit(consumer, context, items, answers));
                metrics.answered(DebtMetrics.Channel.SOAP, context, answers);
                throw new SoapFault("NOT_AUTHORIZED: this consumer is not authorised for the legal context "
                        + context + ".", new QName(SoapFaultNames.SOAP11_ENV, "Client"));
            }
            message.getResponse().clear();
            BalanceService.Answered answered = balances.answer(consumer, context, items);
            audit.await(answered.audited());
            List<BalanceAnswer> answers = answered.answers();
            metrics.answered(DebtMetrics.Channel.SOAP, context, answers);
            for (BalanceAnswer answer : answers) {
                message.getResponse().add(response(answer));
            }
        } catch (SQLException e) {
            throw new SoapFault("TECHNICAL_ERROR: the ledger could not be read. Send the request again later.",
                    new QName(SoapFaultNames.SOAP11_ENV, "Server"));
        } catch (AuditWriter.AuditUnavailableException e) {
            throw new SoapFault("TECHNICAL_ERROR: the audit of this query could not be recorded, so no answer is"
                    + " given. Send the request again later.", new QName(SoapFaultNames.SOAP11_ENV, "Server"));
        }
    }

    /** Exactly one identifier per detail; a provisional or LPA number is looked up among the NOSS numbers. */
    static EmployerRef employer(EmployerIdType id) {
        List<EmployerRef> given = new ArrayList<>();
        if (id.getCompanyID() != null) {
            given.add(EmployerRef.companyId(id.getCompanyID()));
        }
        for (String noss : new String[] {id.getNOSSRegistrationNbr(), id.getNOSSLPARegistrationNbr(),
                id.getProvisionalNSSONbr()}) {
            if (noss != null) {
                given.add(EmployerRef.nossNumber(noss));
            }
        }
        return given.size() == 1 ? given.get(0) : EmployerRef.notExactlyOne();
    }

    static ResponseType response(BalanceAnswer a) {
        ResponseType r = new ResponseType();
        ExecutionResultType result = new ExecutionResultType();
        result.setResultCode(ResultCodeType.fromValue(a.resultCode()));
        result.setErrorID(a.errorId());
        r.setExecutionResult(result);
        r.setLegalContext(LegalContextCodeType.fromValue(a.legalContext()));
        if (a.withholding() != null) {
            r.setWithholding(WithholdingType.fromValue(a.withholding()));
        }
        if (!a.isOk()) {
            return r;
        }
        EmployerIdType id = new EmployerIdType();
        id.setCompanyID(a.employerId().companyId());
        id.setNOSSRegistrationNbr(a.employerId().nossRegistrationNbr());
        r.setEmployerId(id);
        r.setDenomination(a.denomination());
        BalanceAmountsType amounts = new BalanceAmountsType();
        amounts.setContributionTotalAmount(a.balanceAmounts().contributionTotalAmount());
        amounts.setTotalIncreases(a.balanceAmounts().totalIncreases());
        amounts.setTotalInterests(a.balanceAmounts().totalInterests());
        amounts.setTotalLegalCosts(a.balanceAmounts().totalLegalCosts());
        r.setBalanceAmounts(amounts);
        r.setBalanceAnalysisResult(BalanceAnalysisResultType.fromValue(a.balanceAnalysisResult()));
        r.setIsPaymentPlanFollowed(a.isPaymentPlanFollowed());
        r.setClosingDate(DATES.newXMLGregorianCalendar(a.closingDate().toString()));
        r.setClosingQuarter(a.closingQuarter());
        if (!a.missingDeclarationQuarters().isEmpty()) {
            MissingDeclarationQuartersType missing = new MissingDeclarationQuartersType();
            missing.getQuarter().addAll(a.missingDeclarationQuarters());
            r.setMissingDeclarationQuarters(missing);
        }
        for (BalanceAnswer.DisputeAmount d : a.disputes()) {
            DisputeType dispute = new DisputeType();
            dispute.setDisputeType(d.disputeType());
            dispute.setAmount(d.amount());
            r.getDispute().add(dispute);
        }
        AttestationInformationType attestation = new AttestationInformationType();
        attestation.setTimestamp(timestamp(a.attestationTimestamp()));
        r.setAttestationInformation(attestation);
        return r;
    }

    private static LocalDate date(XMLGregorianCalendar date) {
        return date == null ? null : LocalDate.of(date.getYear(), date.getMonth(), date.getDay());
    }

    private static XMLGregorianCalendar timestamp(Instant instant) {
        GregorianCalendar at = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        at.setTimeInMillis(instant.toEpochMilli());
        return DATES.newXMLGregorianCalendar(at);
    }

    private static final class SoapFaultNames {
        static final String SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    }
}
