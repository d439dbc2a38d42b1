package io.reportingsuite.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reportingsuite.contracts.messaging.TrackingEvent;
import io.reportingsuite.contracts.messaging.TrackingStep;
import io.reportingsuite.ingest.config.IngestConfig;
import io.reportingsuite.ingest.security.Caller;
import io.reportingsuite.ingest.service.Accepted;
import io.reportingsuite.ingest.service.Rejection;
import io.reportingsuite.ingest.service.Submission;
import io.reportingsuite.ingest.service.SubmissionService;
import io.reportingsuite.ingest.store.Forsendelse;
import io.reportingsuite.ingest.store.ForsendelseRepository;
import io.reportingsuite.ingest.tracking.TrackingEventStore;
import io.reportingsuite.support.casesystem.CaseSystemRegistry;
import io.reportingsuite.support.casesystem.RegisteredSystem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * REST form of EP_FS1 and the track-and-trace API. The contract is {@code openapi/ingest-api.yaml}. The
 * caller is the authenticated case system ({@link Caller}); it only sees its own entries, and another
 * system's id answers 404 exactly like an unknown one, so the API is no oracle for which ids exist.
 */
@Path(IndberetningResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class IndberetningResource {

    static final String PATH = "/api/v1/indberetninger";
    /** Header carrying the HovedIndberetningID when the body is the raw file. */
    static final String ID_HEADER = "HovedIndberetningID";

    private final SubmissionService submissions;
    private final ForsendelseRepository repository;
    private final TrackingEventStore trackingStore;
    private final CaseSystemRegistry registry;
    private final IngestConfig config;
    private final Caller caller;
    private final StructuredSubmissions structured;
    private final ObjectMapper mapper;

    public IndberetningResource(SubmissionService submissions, ForsendelseRepository repository,
                                TrackingEventStore trackingStore, CaseSystemRegistry registry, IngestConfig config,
                                Caller caller, StructuredSubmissions structured, ObjectMapper mapper) {
        this.structured = structured;
        this.mapper = mapper;
        this.submissions = submissions;
        this.repository = repository;
        this.trackingStore = trackingStore;
        this.registry = registry;
        this.config = config;
        this.caller = caller;
    }

    /**
     * Both JSON forms, told apart by shape: a body with {@code indberetter} is a structured forsendelse that
     * {@link StructuredSubmissions} encodes; otherwise it is the Base64 form {@link IndberetningRequest}.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submitJson(JsonNode body) throws Rejection {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new Rejection(Rejection.Kind.ENVELOPE, "The request body is missing.");
        }
        if (StructuredSubmissions.isStructured(body)) {
            return structured.submit(caller.caseSystem(), body);
        }
        IndberetningRequest request;
        try {
            request = mapper.treeToValue(body, IndberetningRequest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new Rejection(Rejection.Kind.ENVELOPE,
                    "The body is neither a structured forsendelse nor {hovedIndberetningId, indberetning}.");
        }
        byte[] payload;
        try {
            payload = request.indberetning() == null ? null : Base64.getDecoder().decode(request.indberetning());
        } catch (IllegalArgumentException e) {
            throw new Rejection(Rejection.Kind.ENVELOPE, "indberetning is not valid Base64.");
        }
        return accepted(submissions.submit(new Submission(request.hovedIndberetningId(), payload,
                Submission.Channel.REST, caller.caseSystem())));
    }

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    public Response submitFile(@HeaderParam(ID_HEADER) String hovedIndberetningId, byte[] file) throws Rejection {
        return accepted(submissions.submit(new Submission(hovedIndberetningId, file, Submission.Channel.REST,
                caller.caseSystem())));
    }

    @GET
    @Path("{id}")
    public TrackingView track(@PathParam("id") String id) throws SQLException {
        Optional<Forsendelse> forsendelse = repository.find(id);
        String owner = forsendelse.map(Forsendelse::system)
                .or(() -> registry.owner(id).map(RegisteredSystem::name)).orElse(null);
        // Another system's forsendelse is answered exactly like an unknown id: no existence oracle.
        if (!caller.caseSystem().equals(owner)) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        List<TrackingEvent> events = trackingStore.timeline(id);
        Optional<String> state = repository.currentState(id);
        if (state.isEmpty()) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        List<TrackingView.Step> timeline = events.stream()
                .map(e -> new TrackingView.Step(e.step().name(), e.service(), e.at(), e.attributes())).toList();
        return new TrackingView(id, owner, forsendelse.map(Forsendelse::channel).orElse(null), state.get(),
                forsendelse.map(Forsendelse::receivedAt).orElse(null), forsendelse.map(Forsendelse::records).orElse(null),
                forsendelse.map(Forsendelse::errors).orElse(null), forsendelse.map(Forsendelse::warnings).orElse(null),
                timeline);
    }

    @GET
    public List<ForsendelseSummary> list(@QueryParam("system") String system, @QueryParam("state") String state,
                                         @QueryParam("since") String since,
                                         @QueryParam("page") @DefaultValue("0") int page,
                                         @QueryParam("size") @DefaultValue("50") int size)
            throws SQLException, Rejection {
        String me = caller.caseSystem();
        if (system != null && !system.equals(me)) {
            throw new Rejection(Rejection.Kind.SECURITY, "A case system only lists its own forsendelser.");
        }
        String wanted;
        Instant from;
        try {
            // The shown state is a track-and-trace step (RECEIVED, QUEUED, SENT_TO_SKAT, ...).
            wanted = state == null ? null : TrackingStep.valueOf(state).name();
            from = since == null ? null : Instant.parse(since);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new Rejection(Rejection.Kind.ENVELOPE,
                    "state must be a track-and-trace step (e.g. QUEUED) and since an ISO-8601 instant.");
        }
        if (page < 0 || size < 1 || size > config.maxPageSize()) {
            throw new Rejection(Rejection.Kind.ENVELOPE,
                    "page must be 0 or more and size between 1 and " + config.maxPageSize() + ".");
        }
        return repository.list(me, wanted, from, page * size, size).stream().map(ForsendelseSummary::of).toList();
    }

    static Response accepted(Accepted a) {
        return Response.accepted(IndberetningAccepted.of(a)).location(URI.create(a.trackingPath())).build();
    }
}
