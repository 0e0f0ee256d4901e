package besa.access;

import besa.access.CredentialEvent.Kind;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Passkeys (WebAuthn) through Spring Security's support, kept in PostgreSQL. The relying party is
 * {@code besa.webauthn.rp-id} (default {@code localhost}); browsers may answer from
 * {@code besa.webauthn.allowed-origins} (comma-separated). Left empty, that is
 * {@code http://localhost:<port>} of the running server, which is what a local demo and the
 * browser tests (random port) need.
 */
@Configuration(proxyBeanMethods = false)
public class Passkeys {
    private final String rpId;
    private final Set<String> origins = new CopyOnWriteArraySet<>();
    private final boolean localOrigins;

    public Passkeys(@Value("${besa.webauthn.rp-id:localhost}") String rpId,
                    @Value("${besa.webauthn.allowed-origins:}") List<String> allowedOrigins) {
        this.rpId = rpId;
        allowedOrigins.stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(origins::add);
        this.localOrigins = origins.isEmpty();
    }

    public String rpId() {
        return rpId;
    }

    /** Live set: Spring's relying party reads it on every ceremony, so the port can join it once known. */
    public Set<String> allowedOrigins() {
        return origins;
    }

    @EventListener
    void serverStarted(WebServerInitializedEvent e) {
        if (localOrigins && e.getApplicationContext().getServerNamespace() == null) origins.add("http://localhost:" + e.getWebServer().getPort());
    }

    @Bean
    PublicKeyCredentialUserEntityRepository passkeyUsers(JdbcOperations jdbc) {
        return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
    }

    @Bean
    UserCredentialRepository passkeyCredentials(JdbcOperations jdbc, PublicKeyCredentialUserEntityRepository users,
                                                ApplicationEventPublisher events) {
        return new AuditedCredentials(new JdbcUserCredentialRepository(jdbc), users, events);
    }

    /** Publishes a {@link CredentialEvent} when a passkey is added or removed (not when its counter moves). */
    static final class AuditedCredentials implements UserCredentialRepository {
        private final UserCredentialRepository store;
        private final PublicKeyCredentialUserEntityRepository users;
        private final ApplicationEventPublisher events;

        AuditedCredentials(UserCredentialRepository store, PublicKeyCredentialUserEntityRepository users, ApplicationEventPublisher events) {
            this.store = store;
            this.users = users;
            this.events = events;
        }

        @Override
        public void save(CredentialRecord c) {
            boolean added = store.findByCredentialId(c.getCredentialId()) == null;
            if (added) publish(c, Kind.ENROLLED);
            store.save(c);
        }

        @Override
        public void delete(Bytes credentialId) {
            CredentialRecord c = store.findByCredentialId(credentialId);
            if (c != null) publish(c, Kind.REMOVED);
            store.delete(credentialId);
        }

        @Override
        public @Nullable CredentialRecord findByCredentialId(Bytes credentialId) {
            return store.findByCredentialId(credentialId);
        }

        @Override
        public List<CredentialRecord> findByUserId(Bytes userId) {
            return store.findByUserId(userId);
        }

        private void publish(CredentialRecord c, Kind kind) {
            PublicKeyCredentialUserEntity user = users.findById(c.getUserEntityUserId());
            String username = user == null ? "(unknown passkey user)" : user.getName();
            events.publishEvent(new CredentialEvent(username, kind, "passkey '" + c.getLabel() + "'", clientAddress()));
        }
    }

    static String clientAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a ? a.getRequest().getRemoteAddr() : "";
    }

}
