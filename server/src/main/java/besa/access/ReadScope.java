package besa.access;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one user may read, as SQL conditions the stores put into their queries, so that hidden rows
 * are never fetched, counted or paged over. Made by {@link AccessPolicy} only (or {@link #system()}
 * for the application's own processes: ingestion, the command line, benchmarks).
 *
 * <p>The conditions are built from values the policy loaded (numbers, role names, ids quoted as SQL
 * literals), never from request text. They read the policy tables {@code restricted_entity} and
 * {@code compartment_entity} (V60) and the statement columns {@code handling} and {@code source_id}.
 */
public final class ReadScope {
    private static final ReadScope SYSTEM = new ReadScope(Kind.SYSTEM, "system", -1, List.of(), List.of(), new long[0], false, false, null, null);

    private enum Kind { SYSTEM, NOTHING, USER }

    private final Kind kind;
    private final String username;
    private final int clearance;
    private final List<String> hiddenSources;
    /** The hidden sources that hold statements (a restriction on an empty source needs no condition per statement). */
    private final List<String> hiddenWithStatements;
    private final long[] compartments;
    private final boolean vetting;
    private final boolean needToKnowWaived;
    private final String officer;
    /** Why a user with a vetting role does no vetting work now, or null. */
    private final VettingBar vettingBar;

    /**
     * Why a user who holds a vetting role (or break-glass) may not do vetting work now. The vetting gate
     * answers each with its own message; SUSPENDED covers both "own vetting not cleared" and "subject of an
     * open vetting case or alert", so the answer does not say which.
     */
    public enum VettingBar {
        /** His own vetting is not cleared, or he is the subject of an open vetting case or alert. */
        SUSPENDED,
        /** His account names no officer ({@code app_user.officer_id}): no self-protection is possible. */
        NO_OFFICER_ID
    }

    private ReadScope(Kind kind, String username, int clearance, List<String> hiddenSources, List<String> hiddenWithStatements,
            long[] compartments, boolean vetting, boolean needToKnowWaived, String officer, VettingBar vettingBar) {
        this.kind = kind;
        this.username = username;
        this.clearance = clearance;
        this.hiddenSources = List.copyOf(hiddenSources);
        this.hiddenWithStatements = List.copyOf(hiddenWithStatements);
        this.compartments = compartments.clone();
        this.vetting = vetting;
        this.needToKnowWaived = needToKnowWaived;
        this.officer = officer;
        this.vettingBar = vettingBar;
    }

    /** Everything: for the application's own processes, never for a user's request. */
    public static ReadScope system() {
        return SYSTEM;
    }

    /** Nothing at all (roles that read no intelligence). */
    public static ReadScope nothing(String username) {
        return new ReadScope(Kind.NOTHING, username, -1, List.of(), List.of(), new long[0], false, false, null, null);
    }

    /**
     * A user's scope.
     *
     * @param clearance        highest handling level (0..3) readable
     * @param hiddenSources    sources whose originator restricts them to roles this user lacks
     * @param hiddenWithStatements those of them that hold statements
     * @param compartments     compartments the user is a live member of
     * @param vetting          whether he may read vetting material (of vetting files he is a member of)
     * @param needToKnowWaived a live break-glass grant: compartments do not restrict (subject protection still does)
     * @param officer          the officer the account is, or null
     */
    public static ReadScope user(String username, int clearance, Collection<String> hiddenSources, Collection<String> hiddenWithStatements,
            long[] compartments, boolean vetting, boolean needToKnowWaived, String officer) {
        if (clearance < 0) return nothing(username);
        return new ReadScope(Kind.USER, username, Math.min(clearance, 3), List.copyOf(hiddenSources), List.copyOf(hiddenWithStatements), compartments, vetting,
                needToKnowWaived, officer == null || officer.isBlank() ? null : officer, null);
    }

    /** This scope without vetting material, saying why (vetting files stay closed to him as well). */
    public ReadScope barredFromVetting(VettingBar why) {
        return new ReadScope(kind, username, clearance, hiddenSources, hiddenWithStatements, compartments, false, needToKnowWaived, officer, why);
    }

    /** Why the user, who holds a vetting role, does no vetting work now; null when nothing bars him (or he has no such role). */
    public VettingBar vettingBar() {
        return vettingBar;
    }

    public String username() {
        return username;
    }

    public boolean isSystem() {
        return kind == Kind.SYSTEM;
    }

    /** True when nothing at all is readable: callers may answer "empty" without a query. */
    public boolean readsNothing() {
        return kind == Kind.NOTHING;
    }

    /** Highest readable handling level, 0..3; -1 for none. */
    public int clearance() {
        return kind == Kind.SYSTEM ? 3 : clearance;
    }

    public boolean mayReadSource(String sourceId) {
        return kind == Kind.SYSTEM || kind == Kind.USER && !hiddenSources.contains(sourceId);
    }

    /** The live compartment memberships, as the row-level security settings carry them ({@code {1,2}}). */
    public String compartmentsSetting() {
        return "{" + Arrays.stream(compartments).mapToObj(Long::toString).collect(Collectors.joining(",")) + "}";
    }

    public String officer() {
        return officer;
    }

    /** Whether vetting material (alerts, cases, vetting files) is readable: a cleared vetting officer, or break-glass. */
    public boolean readsVetting() {
        return kind == Kind.SYSTEM || kind == Kind.USER && vetting;
    }

    /** True when every active statement is readable (H3 and no restricted source): statement conditions can be left out. */
    public boolean allStatements() {
        return kind == Kind.SYSTEM || kind == Kind.USER && clearance >= 3 && hiddenWithStatements.isEmpty();
    }

    /** SQL: the statement under {@code alias} is readable (handling code and originator's restrictions). */
    public String statementVisible(String alias) {
        if (allStatements()) return "true";
        if (kind == Kind.NOTHING) return "false";
        StringBuilder b = new StringBuilder("(").append(alias).append(".handling <= ").append(clearance);
        if (!hiddenWithStatements.isEmpty()) {
            b.append(" and ").append(alias).append(".source_id not in (")
                    .append(hiddenWithStatements.stream().map(ReadScope::literal).collect(Collectors.joining(", "))).append(")");
        }
        return b.append(")").toString();
    }

    /** SQL: the source id expression names a source this user may read. */
    public String sourceVisible(String sourceIdExpr) {
        if (kind == Kind.SYSTEM) return "true";
        if (kind == Kind.NOTHING) return "false";
        if (hiddenSources.isEmpty()) return "true";
        return "(" + sourceIdExpr + " not in (" + hiddenSources.stream().map(ReadScope::literal).collect(Collectors.joining(", ")) + "))";
    }

    /**
     * SQL: need-to-know and subject protection allow the entity whose id is {@code idExpr}. An entity
     * in a compartment is readable by that compartment's members; one in a vetting file only by
     * vetting officers who are members of such a file; vetting material about the user never.
     */
    public String entityAllowed(String idExpr) {
        if (kind == Kind.SYSTEM) return "true";
        if (kind == Kind.NOTHING) return "false";
        String members = "'" + compartmentsSetting() + "'::bigint[]";
        StringBuilder b = new StringBuilder("(");
        if (needToKnowWaived) {
            // Break-glass waives need-to-know, not the vetting bar: a suspended or unlinked administrator
            // still reads no entity of a vetting file.
            b.append(vetting ? "true" : "coalesce((select not r.vetting from restricted_entity r where r.entity_id = " + idExpr + "), true)");
        } else {
            b.append("coalesce((select case when r.vetting then ").append(vetting)
                    .append(" and exists (select 1 from compartment_entity ce where ce.entity_id = r.entity_id and ce.kind = 'VETTING'")
                    .append(" and ce.compartment_id = any(").append(members).append("))")
                    .append(" else exists (select 1 from compartment_entity ce where ce.entity_id = r.entity_id")
                    .append(" and ce.compartment_id = any(").append(members).append(")) end")
                    .append(" from restricted_entity r where r.entity_id = ").append(idExpr).append("), true)");
        }
        if (officer != null) {
            b.append(" and not exists (select 1 from compartment_entity ce where ce.entity_id = ").append(idExpr)
                    .append(" and ce.kind = 'VETTING' and ce.subject = ").append(literal(officer)).append(")");
        }
        return b.append(")").toString();
    }

    /** SQL: the entity is allowed and has at least one active statement the user may read. */
    public String entityReadable(String idExpr) {
        if (kind == Kind.SYSTEM) return "true";
        if (kind == Kind.NOTHING) return "false";
        return "(" + entityAllowed(idExpr) + " and exists (select 1 from statement vs where vs.entity_id = " + idExpr
                + " and vs.retired_at is null and " + statementVisible("vs") + "))";
    }

    /** A SQL string literal (standard_conforming_strings: only the quote needs doubling). */
    static String literal(String s) {
        if (s.indexOf('\0') >= 0) throw new IllegalArgumentException("NUL in an identifier");
        return "'" + s.replace("'", "''") + "'";
    }

    @Override
    public String toString() {
        return "ReadScope[" + kind + " " + username + " H" + clearance + " compartments=" + compartmentsSetting() + "]";
    }
}
