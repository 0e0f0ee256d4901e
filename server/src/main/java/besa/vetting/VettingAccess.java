package besa.vetting;

import besa.access.AccessPolicy;
import besa.access.ReadScope;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The gate to vetting material. Work runs in a transaction carrying the user's row-level security
 * settings plus {@code besa.vetting = 'on'} (V90), and only for a user whose scope reads vetting
 * material: a vetting officer whose own vetting is clear (or an administrator under break-glass).
 * Everyone else gets 403 before any vetting row is touched, so nothing says whether a case exists.
 * Rows about the officer the user is stay invisible to him through the row-level security.
 *
 * <p>When the work joins a transaction that is already running (another module's, e.g. operations asking
 * {@link Assignability}), the settings raised here ({@code besa.vetting}, and {@code besa.system} for
 * {@link #system}) are put back to what they were when the work ends, so the rest of that transaction
 * keeps its own row-level security.
 */
@Component
public class VettingAccess {
    private final AccessPolicy policy;
    private final JdbcClient jdbc;
    private final TransactionTemplate readTx;
    private final TransactionTemplate writeTx;
    private final AuditLog audit;

    /** The audit target of a refused suspended officer: the same whatever the reason, naming no case or alert. */
    public static final String SUSPENDED_TARGET = "vetting work (access suspended)";

    VettingAccess(AccessPolicy policy, JdbcClient jdbc, PlatformTransactionManager tm, AuditLog audit) {
        this.policy = policy;
        this.audit = audit;
        this.jdbc = jdbc;
        this.readTx = new TransactionTemplate(tm);
        this.readTx.setReadOnly(true);
        this.writeTx = new TransactionTemplate(tm);
    }

    /** Runs {@code work} read-only as the current user, or throws 403 when he does no vetting work. */
    public <T> T read(Function<ReadScope, T> work) {
        return readTx.execute(status -> raised(status, VETTING, () -> work.apply(enter())));
    }

    /** Runs {@code work} in a read-write transaction as the current user, or throws 403 when he does no vetting work. */
    public <T> T write(Function<ReadScope, T> work) {
        return writeTx.execute(status -> raised(status, VETTING, () -> work.apply(enter())));
    }

    /** Whether the current user may do vetting work at all (for showing navigation; decides nothing). */
    public boolean allowed() {
        return readTx.execute(status -> policy.scope().readsVetting());
    }

    /**
     * Refuses (as {@link #read} does, audited the same way) a user who holds a vetting role but is barred
     * from vetting work now; does nothing for anyone else. For questions outside vetting material whose
     * answer still tells about vetting work (assignability).
     */
    public void refuseIfBarred() {
        readTx.execute(status -> {
            ReadScope scope = policy.scope();
            if (scope.vettingBar() != null) throw refused(scope);
            return null;
        });
    }

    /**
     * Runs {@code work} as the application itself (screening, insider watch, imports started by the
     * system): every row, no user. Never for a user's request.
     */
    public <T> T system(Function<ReadScope, T> work) {
        return writeTx.execute(status -> raised(status, SYSTEM, () -> {
            jdbc.sql("select set_config('besa.system', 'on', true), set_config('besa.vetting', 'on', true)").query().singleRow();
            return work.apply(ReadScope.system());
        }));
    }

    private static final List<String> VETTING = List.of("besa.vetting");
    private static final List<String> SYSTEM = List.of("besa.system", "besa.vetting");

    /**
     * Runs {@code work}, which raises {@code settings}; in a joined transaction, their previous values
     * come back afterwards (a new transaction ends with the work, taking its settings with it).
     */
    private <T> T raised(TransactionStatus status, List<String> settings, Supplier<T> work) {
        if (status.isNewTransaction()) return work.get();
        Map<String, String> previous = new LinkedHashMap<>();
        for (String name : settings) {
            previous.put(name, jdbc.sql("select current_setting(?, true)").param(name).query((rs, n) -> rs.getString(1)).list().getFirst());
        }
        boolean failed = true;
        try {
            T result = work.get();
            failed = false;
            return result;
        } finally {
            try {
                previous.forEach((name, value) -> jdbc.sql("select set_config(?, ?, true)").params(name, value == null ? "" : value).query().singleRow());
            } catch (RuntimeException e) {
                // After a failed statement the transaction is aborted and rolls back with its settings; keep the first error.
                if (!failed) throw e;
            }
        }
    }

    private ReadScope enter() {
        ReadScope scope = policy.scope(); // joins this transaction and sets besa.user, besa.compartments, besa.officer
        if (scope.vettingBar() != null) throw refused(scope);
        if (scope.isSystem() || !scope.readsVetting()) throw new AccessDeniedException("vetting material is only for the vetting unit");
        jdbc.sql("select set_config('besa.vetting', 'on', true)").query().singleRow();
        return scope;
    }

    /**
     * A vetting officer barred from vetting work: a suspension (own vetting not cleared, or subject of an
     * open case or alert) is a SECURITY_ALERT with one neutral target; a missing officer id is a denied read.
     */
    private VettingRefused refused(ReadScope scope) {
        String client = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes s ? s.getRequest().getRemoteAddr() : "";
        boolean suspended = scope.vettingBar() == ReadScope.VettingBar.SUSPENDED;
        audit.record(AuditEvent.of(scope.username(), suspended ? AuditAction.SECURITY_ALERT : AuditAction.CONSULTATION,
                suspended ? SUSPENDED_TARGET : "vetting work (account without officer id)", AuditOutcome.DENIED, client));
        return new VettingRefused(scope.vettingBar());
    }
}
