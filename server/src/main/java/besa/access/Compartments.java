package besa.access;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Need-to-know: compartments (cases, operations, vetting files) with members and the entities they
 * hold. An entity in a compartment is readable only by its live members ({@link AccessPolicy}).
 * Callers decide who may manage compartments and write the GRANT / REVOKE audit events; this
 * service only keeps the data, as the application itself (row-level security setting besa.system).
 */
@Service
public class Compartments {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public Compartments(JdbcClient jdbc, PlatformTransactionManager tm) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(tm);
    }

    public record Compartment(long id, CompartmentKind kind, String reference, String title, String subject) {}

    /**
     * Creates a compartment; a vetting file names its subject (the officer's personnel or entity id,
     * as linked on his account) so that the material is hidden from him.
     */
    public long create(CompartmentKind kind, String reference, String title, String subject) {
        if (kind == CompartmentKind.VETTING && (subject == null || subject.isBlank())) {
            throw new IllegalArgumentException("a vetting file needs its subject (the officer's id)");
        }
        return system(() -> jdbc.sql("insert into compartment (kind, reference, title, subject) values (?, ?, ?, ?) returning id")
                .params(kind.name(), reference, title, subject).query(Long.class).single());
    }

    public Optional<Compartment> byReference(String reference) {
        return system(() -> jdbc.sql("select id, kind, reference, title, subject from compartment where reference = ?").param(reference)
                .query((rs, n) -> new Compartment(rs.getLong(1), CompartmentKind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .optional());
    }

    /** Makes {@code username} a member (again, if he had been revoked). */
    public void grant(long compartment, String username, String grantedBy) {
        system(() -> jdbc.sql("""
                insert into compartment_member (compartment_id, username, granted_by) values (?, ?, ?)
                on conflict (compartment_id, username) do update set granted_by = excluded.granted_by, granted_at = now(), revoked_at = null""")
                .params(compartment, username, grantedBy).update());
    }

    /** Ends a membership; the member's next request no longer sees the compartment's material. */
    public boolean revoke(long compartment, String username) {
        return system(() -> jdbc.sql("update compartment_member set revoked_at = now() where compartment_id = ? and username = ? and revoked_at is null")
                .params(compartment, username).update() > 0);
    }

    /** Puts an entity into a compartment (idempotent). */
    public void attach(long compartment, String entityId) {
        system(() -> {
            jdbc.sql("""
                    insert into compartment_entity (compartment_id, entity_id, kind, subject)
                    select id, ?, kind, subject from compartment where id = ?
                    on conflict do nothing""").params(entityId, compartment).update();
            return refresh(entityId);
        });
    }

    public void detach(long compartment, String entityId) {
        system(() -> {
            jdbc.sql("delete from compartment_entity where compartment_id = ? and entity_id = ?").params(compartment, entityId).update();
            return refresh(entityId);
        });
    }

    /** Live members' usernames. */
    public List<String> members(long compartment) {
        return system(() -> jdbc.sql("select username from compartment_member where compartment_id = ? and revoked_at is null order by 1")
                .param(compartment).query(String.class).list());
    }

    private int refresh(String entityId) {
        jdbc.sql("delete from restricted_entity where entity_id = ?").param(entityId).update();
        return jdbc.sql("""
                insert into restricted_entity (entity_id, vetting)
                select entity_id, bool_or(kind = 'VETTING') from compartment_entity where entity_id = ? group by entity_id""")
                .param(entityId).update();
    }

    private <T> T system(java.util.function.Supplier<T> work) {
        return tx.execute(status -> {
            jdbc.sql("select set_config('besa.system', 'on', true)").query().singleRow();
            return work.get();
        });
    }
}
