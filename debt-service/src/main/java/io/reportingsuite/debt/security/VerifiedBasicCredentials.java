package io.reportingsuite.debt.security;

import io.quarkus.elytron.security.runtime.ElytronPasswordIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * HTTP Basic against the embedded users of {@code quarkus-elytron-security-properties-file} (dev, test and the
 * local run; production has no users and authenticates client certificates), with each user's identity kept once
 * the realm has verified its password. The realm's provider ({@link ElytronPasswordIdentityProvider}) did per call:
 * a hop to a worker thread and back ({@code runBlocking}), the Elytron security domain's authentication (a
 * {@code PasswordFactory} looked up among the JCA providers to compare the password, a CDI lookup of the role
 * decoder, a new Elytron identity and its permission mapping) and a new Quarkus identity — the HTTP Basic share
 * of the REST path in the bench's profile (README "Demo data and benchmark").
 *
 * <p>The realm stays the authority: a user is served from here only when the presented password's salted SHA-256
 * equals the digest of the password the realm accepted for that user (compared in constant time); any other
 * password goes to the realm, and a refused one is never kept. The embedded users are configuration, fixed for
 * the life of the process; one entry per user the realm has accepted, so the map is bounded by the configured
 * users. The identity kept is the realm's own (principal, roles, attributes, credential) and is immutable;
 * augmentors, the path permissions and the legal-context authorisation ({@link Consumers}) still run on every call.
 */
@Singleton
public class VerifiedBasicCredentials implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private record Verified(byte[] digest, SecurityIdentity identity) {
    }

    private final IdentityProvider<UsernamePasswordAuthenticationRequest> realm;
    private final ConcurrentMap<String, Verified> verified = new ConcurrentHashMap<>();
    /** Per process: the digests kept here are of no use outside it. */
    private final byte[] salt = new byte[16];
    private final MessageDigest prototype;
    private final ThreadLocal<MessageDigest> digests;
    private final LongAdder realmCalls = new LongAdder();
    private final int priority;

    @Inject
    public VerifiedBasicCredentials(ElytronPasswordIdentityProvider realm) {
        this((IdentityProvider<UsernamePasswordAuthenticationRequest>) realm);
    }

    VerifiedBasicCredentials(IdentityProvider<UsernamePasswordAuthenticationRequest> realm) {
        this.realm = realm;
        this.priority = realm.priority() + 1;
        new SecureRandom().nextBytes(salt);
        try {
            prototype = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        // A clone per thread: MessageDigest.getInstance per call would look the algorithm up among the providers.
        digests = ThreadLocal.withInitial(() -> {
            try {
                return (MessageDigest) prototype.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    /**
     * Before the realm's provider, which is then asked only through this one. (Providers run by descending
     * priority; the interface's default, the realm's, is 1001, above {@code SYSTEM_FIRST}.)
     */
    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String user = request.getUsername();
        byte[] digest = digest(user, request.getPassword().getPassword());
        Verified known = verified.get(user);
        if (known != null && MessageDigest.isEqual(known.digest(), digest)) {
            return Uni.createFrom().item(known.identity());
        }
        realmCalls.increment();
        // A failure (wrong password, unknown user) propagates as the realm raised it, and nothing is kept.
        return realm.authenticate(request, context).invoke(identity -> {
            if (identity != null) {
                verified.put(user, new Verified(digest, identity));
            }
        });
    }

    /** How many authentications the realm was asked for (tests: a verified user is not asked again). */
    long realmCalls() {
        return realmCalls.sum();
    }

    private byte[] digest(String user, char[] password) {
        MessageDigest md = digests.get();
        md.reset();
        md.update(salt);
        md.update(user.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        md.update(bytes.duplicate());
        if (bytes.hasArray()) {
            Arrays.fill(bytes.array(), (byte) 0);
        }
        return md.digest();
    }
}
