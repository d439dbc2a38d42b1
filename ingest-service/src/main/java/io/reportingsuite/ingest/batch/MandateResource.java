package io.reportingsuite.ingest.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.reportingsuite.contracts.finding.Finding;
import io.reportingsuite.contracts.ident.EnterpriseNumber;
import io.reportingsuite.ingest.rest.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The mandate registry's admin API (role {@code batch-admin} only, {@code quarkus.http.auth.permission.batch-admin}):
 * {@code PUT} a JSON list of mandates (an idempotent upsert; any invalid item refuses the whole list with 400,
 * each problem with its JSON pointer and reason), {@code GET} them (optionally one representative's), {@code DELETE
 * /{id}} revokes one. Enterprise numbers may be written with dots or a BE prefix and are stored as ten digits.
 */
@Path("/api/v1/batch-channel/mandates")
@Produces(MediaType.APPLICATION_JSON)
public class MandateResource {

    private static final Logger LOG = Logger.getLogger(MandateResource.class);
    private static final String RULE = "MANDATE";
    private static final Set<String> PROPERTIES = Set.of("representative", "mandant", "service", "validFrom",
            "validTo");
    private static final Pattern SERVICE = Pattern.compile("[A-Z0-9_]{1,32}");

    /** A mandate as the API shows it. */
    public record MandateView(long id, String representative, String mandant, String service, LocalDate validFrom,
                              LocalDate validTo, Instant revokedAt) {

        static MandateView of(MandateRegistry.Mandate m) {
            return new MandateView(m.id().orElseThrow(), m.representative(), m.mandant(), m.service(), m.validFrom(),
                    m.validTo().orElse(null), m.revokedAt().orElse(null));
        }
    }

    private final MandateRegistry registry;
    private final BatchChannels channels;

    public MandateResource(MandateRegistry registry, BatchChannels channels) {
        this.registry = registry;
        this.channels = channels;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(JsonNode body) throws SQLException {
        Map<Finding, String> pointers = new IdentityHashMap<>();
        List<MandateRegistry.Mandate> mandates = new ArrayList<>();
        if (body == null || !body.isArray()) {
            problem(pointers, "", null, "The body must be a JSON array of mandates.");
        } else {
            for (int i = 0; i < body.size(); i++) {
                parse(body.get(i), "/" + i, pointers).ifPresent(mandates::add);
            }
        }
        if (!pointers.isEmpty()) {
            List<Finding> findings = new ArrayList<>(pointers.keySet());
            return Response.status(400).type(Problem.MEDIA_TYPE).entity(Problem.of("invalid-mandates",
                    "Invalid mandates", 400, "Nothing was stored: " + findings.size() + " problem(s).", findings,
                    pointers::get)).build();
        }
        List<MandateView> stored = registry.upsert(mandates).stream().map(MandateView::of).toList();
        LOG.infof("Mandate registry: %d mandate(s) upserted", stored.size());
        return Response.ok(stored).build();
    }

    @GET
    public Response list(@QueryParam("representative") String representative) throws SQLException {
        Optional<String> filter = Optional.empty();
        if (representative != null) {
            if (!EnterpriseNumber.isValid(representative)) {
                Map<Finding, String> pointers = new IdentityHashMap<>();
                problem(pointers, "", "representative", "The query parameter representative "
                        + EnterpriseNumber.check(representative).orElseThrow().describe("enterprise number")
                        .substring("The enterprise number ".length()));
                return Response.status(400).type(Problem.MEDIA_TYPE).entity(Problem.of("invalid-query",
                        "Invalid query", 400, "representative is not a valid enterprise number.",
                        new ArrayList<>(pointers.keySet()))).build();
            }
            filter = Optional.of(EnterpriseNumber.parse(representative).digits());
        }
        return Response.ok(registry.list(filter).stream().map(MandateView::of).toList()).build();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") long id) throws SQLException {
        if (!registry.revoke(id)) {
            return Response.status(404).type(Problem.MEDIA_TYPE).entity(Problem.of("not-found", "No such mandate",
                    404, "There is no mandate " + id + ".", List.of())).build();
        }
        LOG.infof("Mandate registry: mandate %d revoked", id);
        return Response.noContent().build();
    }

    private Optional<MandateRegistry.Mandate> parse(JsonNode item, String pointer, Map<Finding, String> pointers) {
        if (item == null || !item.isObject()) {
            problem(pointers, pointer, null, "A mandate must be a JSON object.");
            return Optional.empty();
        }
        int before = pointers.size();
        for (Iterator<String> names = item.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!PROPERTIES.contains(name)) {
                problem(pointers, pointer + "/" + escape(name), name, "Unknown property; a mandate has "
                        + "representative, mandant, service, validFrom and validTo.");
            }
        }
        String representative = enterpriseNumber(item, "representative", pointer, pointers);
        String mandant = enterpriseNumber(item, "mandant", pointer, pointers);
        if (representative != null && representative.equals(mandant)) {
            problem(pointers, pointer + "/mandant", "mandant", "A company needs no mandate for itself.");
        }
        String service = text(item, "service", pointer, pointers, true);
        if (service != null) {
            if (!SERVICE.matcher(service).matches()) {
                problem(pointers, pointer + "/service", "service", "The service must be 1 to 32 upper-case letters,"
                        + " digits or '_'.");
            } else if (!channels.services().contains(service)) {
                problem(pointers, pointer + "/service", "service", "Unknown service; the batch channel's services"
                        + " are " + String.join(", ", channels.services()) + ".");
            }
        }
        LocalDate validFrom = date(item, "validFrom", pointer, pointers, true);
        LocalDate validTo = date(item, "validTo", pointer, pointers, false);
        if (validFrom != null && validTo != null && validTo.isBefore(validFrom)) {
            problem(pointers, pointer + "/validTo", "validTo", "validTo is before validFrom.");
        }
        if (pointers.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new MandateRegistry.Mandate(Optional.empty(), representative, mandant, service, validFrom,
                Optional.ofNullable(validTo), Optional.empty()));
    }

    private static String enterpriseNumber(JsonNode item, String name, String pointer, Map<Finding, String> pointers) {
        String value = text(item, name, pointer, pointers, true);
        if (value == null) {
            return null;
        }
        Optional<String> problem = EnterpriseNumber.check(value).map(p -> p.describe(name));
        if (problem.isPresent()) {
            problem(pointers, pointer + "/" + name, name, problem.get() + " It must be an enterprise number"
                    + " (10 digits, mod 97).");
            return null;
        }
        return EnterpriseNumber.parse(value).digits();
    }

    private static LocalDate date(JsonNode item, String name, String pointer, Map<Finding, String> pointers,
                                  boolean required) {
        String value = text(item, name, pointer, pointers, required);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problem(pointers, pointer + "/" + name, name, "The " + name + " must be a date written YYYY-MM-DD.");
            return null;
        }
    }

    private static String text(JsonNode item, String name, String pointer, Map<Finding, String> pointers,
                               boolean required) {
        JsonNode node = item.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                problem(pointers, pointer, name, "The " + name + " is missing.");
            }
            return null;
        }
        if (!node.isTextual()) {
            problem(pointers, pointer + "/" + name, name, "The " + name + " must be a string.");
            return null;
        }
        return node.asText();
    }

    private static void problem(Map<Finding, String> pointers, String pointer, String field, String message) {
        pointers.put(Finding.error(RULE, 0, null, 0, field, message), pointer);
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
