package besa.vetting.screening;

import besa.access.ReadScope;
import besa.match.normalize.Names;
import besa.vetting.personnel.Officer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * CONTRADICTION: the officer declared he never used a cryptophone ({@code cryptophone_use = false})
 * while something attributes one to him:
 * <ul>
 * <li>a lead on one of his phones or IMEIs whose platform, or that of another row under the same lead reference
 *     (an account attributed to his phone), is a cryptophone service (weight 0.85);</li>
 * <li>an Account in intelligence of a cryptophone service, linked by Uses to an entity carrying his phone
 *     or IMEI (0.85), with any lead naming that account;</li>
 * <li>a NAME lead on a cryptophone platform whose name is his in any rendering (0.60; 0.45 when another
 *     active officer bears the same name, since a name alone does not tell them apart).</li>
 * </ul>
 * One finding per denying declaration; its key holds the evidence ids, so new evidence is a new factor.
 */
@Component
class ContradictionDetector implements Detector {
    @Override
    public FactorKind kind() {
        return FactorKind.CONTRADICTION;
    }

    @Override
    public void screen(ScreeningContext ctx, Consumer<Finding> out) {
        List<Officer> deniers = ctx.officers().stream().filter(o -> denial(o) != null).toList();
        if (deniers.isEmpty()) return;
        Map<String, Evidence> ev = new HashMap<>();
        String[] ids = deniers.stream().map(Officer::id).toArray(String[]::new);
        identifierLeads(ctx, ids, ev);
        accounts(ctx, ids, ev);
        nameLeads(ctx, deniers, ev);
        for (Officer o : deniers) {
            Evidence e = ev.get(o.id());
            if (e != null && !e.isEmpty()) emit(o, e, out);
        }
    }

    /**
     * Changed intelligence can add an account: the deniers whose phone or device is on a changed Phone or
     * Device, at an end of a changed Uses relation, or used with a changed Account are screened again in
     * full (their finding holds all the evidence, so its key stays whole). Starts from the changed
     * entities' keys, so it costs the same whatever the size of the register.
     */
    @Override
    public void screenChanged(ScreeningContext ctx, Set<String> entityIds, Consumer<Finding> out) {
        Map<String, Officer> byId = ctx.byId();
        if (entityIds.isEmpty() || ctx.officers().stream().noneMatch(o -> denial(o) != null)) return;
        List<String> concerned = ctx.jdbc().sql("""
                with c as (select unnest(?::text[]) as id),
                near as (
                    select e.id from c join entity e on e.id = c.id and e.type in ('Phone', 'Device')
                    union select x.subject_id from c join edge x on x.relation_id = c.id and x.type = 'Uses'
                    union select x.object_id from c join edge x on x.relation_id = c.id and x.type = 'Uses'
                    union select x.subject_id from c join edge x on x.object_id = c.id and x.type = 'Uses'
                    union select x.object_id from c join edge x on x.subject_id = c.id and x.type = 'Uses')
                select distinct oi.officer_id
                from near join search_key k on k.entity_id = near.id and k.kind in ('phone', 'imei')
                join officer_identifier oi on oi.kind = case k.kind when 'phone' then 'PHONE' else 'IMEI' end
                                          and OFFICER_KEY = k.key""".replace("OFFICER_KEY", IdentifierDetector.OFFICER_KEY))
                .param(entityIds.toArray(String[]::new)).query(String.class).list();
        List<Officer> some = concerned.stream().map(byId::get).filter(o -> o != null && denial(o) != null).toList();
        if (!some.isEmpty()) screen(new ScreeningContext(some, ctx.scope(), ctx.jdbc()), out);
    }

    /** The latest declaration denying cryptophone use, or null when he made none. */
    static Officer.Declaration denial(Officer o) {
        Officer.Declaration latest = null;
        for (Officer.Declaration d : o.declarations()) {
            if (Boolean.FALSE.equals(d.cryptophoneUse()) && (latest == null || d.declaredOn().isAfter(latest.declaredOn()))) latest = d;
        }
        return latest;
    }

    /** What attributes a cryptophone to one officer. */
    private static final class Evidence {
        final Set<Long> identifierLeads = new TreeSet<>();
        final Set<Long> nameLeads = new TreeSet<>();
        final Set<String> accounts = new TreeSet<>();
        final List<String> en = new ArrayList<>();
        final List<String> sq = new ArrayList<>();
        boolean sharedName;

        boolean isEmpty() {
            return identifierLeads.isEmpty() && nameLeads.isEmpty() && accounts.isEmpty();
        }
    }

    private void identifierLeads(ScreeningContext ctx, String[] officers, Map<String, Evidence> ev) {
        ctx.jdbc().sql("""
                select oi.officer_id, l.id, l.platform, l.kind, l.value, l.originator, l.reference,
                       -- a partner's lead often spans several rows under one reference (the account, its PIN, the phone
                       -- it was attributed to): the phone row's platform is "PHONE", the reference's is the cryptophone's
                       array(select distinct g.platform from lead g where g.originator = l.originator and g.reference = l.reference
                                 and g.platform is not null)
                from officer_identifier oi
                join lead l on l.kind = oi.kind
                    and (case when l.kind = 'IMEI' then left(l.value, 14) else l.value end)
                      = (case when oi.kind = 'IMEI' then left(oi.value, 14) else oi.value end)
                where oi.officer_id = any(?) and oi.kind in ('PHONE', 'IMEI')
                order by l.id""").param(officers).query((rs, n) -> {
            String platform = Cryptophones.isCryptophone(rs.getString(3)) ? rs.getString(3)
                    : java.util.Arrays.stream((String[]) rs.getArray(8).getArray()).filter(Cryptophones::isCryptophone).sorted().findFirst().orElse(null);
            if (platform == null) return null;
            Evidence e = ev.computeIfAbsent(rs.getString(1), k -> new Evidence());
            if (e.identifierLeads.add(rs.getLong(2))) {
                e.en.add("a lead from " + rs.getString(6) + " (ref. " + rs.getString(7) + ") puts his " + rs.getString(4).toLowerCase() + " "
                        + rs.getString(5) + " on " + platform);
                e.sq.add("një sinjalizim nga " + rs.getString(6) + " (ref. " + rs.getString(7) + ") e vendos " + rs.getString(4) + " " + rs.getString(5)
                        + " të tij në " + platform);
            }
            return null;
        }).list();
    }

    /** Cryptophone accounts in intelligence used with his phone or device. */
    private void accounts(ScreeningContext ctx, String[] officers, Map<String, Evidence> ev) {
        ReadScope scope = ctx.scope();
        // One join per direction of the Uses relation: an OR in the join made the planner scan the edges.
        String one = """
                select oi.officer_id, oi.kind, oi.value, a.id as account, a.caption, svc.value as service
                from officer_identifier oi
                join search_key k on k.kind = case oi.kind when 'PHONE' then 'phone' else 'imei' end
                                 and k.key = OFFICER_KEY
                join entity p on p.id = k.entity_id and p.type in ('Phone', 'Device')
                join edge u on u.type = 'Uses' and u.NEAR = p.id
                join entity a on a.id = u.FAR and a.type = 'Account'
                join statement svc on svc.entity_id = a.id and svc.prop = 'service' and svc.retired_at is null and VISIBLE
                where oi.officer_id = any(?) and oi.kind in ('PHONE', 'IMEI')
                  and READ(p.id) and READ(u.relation_id) and ALLOWED(a.id)"""
                .replace("OFFICER_KEY", IdentifierDetector.OFFICER_KEY)
                .replace("VISIBLE", scope.statementVisible("svc"))
                .replace("READ(p.id)", scope.entityReadable("p.id"))
                .replace("READ(u.relation_id)", scope.entityReadable("u.relation_id"))
                .replace("ALLOWED(a.id)", scope.entityAllowed("a.id"));
        String sql = "select h.*, array(select l.id from lead l where l.entity_id = h.account order by l.id) from ("
                + one.replace("NEAR", "subject_id").replace("FAR", "object_id") + "\nunion all\n"
                + one.replace("NEAR", "object_id").replace("FAR", "subject_id") + ") h order by h.account";
        ctx.jdbc().sql(sql).params(officers, officers).query((rs, n) -> {
            String service = rs.getString(6);
            if (!Cryptophones.isCryptophone(service)) return null;
            Evidence e = ev.computeIfAbsent(rs.getString(1), k -> new Evidence());
            if (e.accounts.add(rs.getString(4))) {
                for (Long l : (Long[]) rs.getArray(7).getArray()) e.identifierLeads.add(l);
                String what = rs.getString(2).equals("PHONE") ? "phone" : "device (IMEI)";
                e.en.add("the " + service + " account “" + rs.getString(5) + "” (" + rs.getString(4) + ") is used with his " + what + " " + rs.getString(3));
                e.sq.add("llogaria " + service + " „" + rs.getString(5) + "” (" + rs.getString(4) + ") përdoret me "
                        + (rs.getString(2).equals("PHONE") ? "telefonin" : "pajisjen (IMEI)") + " e tij " + rs.getString(3));
            }
            return null;
        }).list();
    }

    /** NAME leads on a cryptophone platform whose name is the officer's (given name and surname, any rendering). */
    private void nameLeads(ScreeningContext ctx, List<Officer> deniers, Map<String, Evidence> ev) {
        record NameLead(long id, Set<String> keys, String value, String platform, String originator, String reference) {}
        List<NameLead> leads = new ArrayList<>();
        ctx.jdbc().sql("select id, value, platform, originator, reference from lead where kind = 'NAME' order by id").query((rs, n) -> {
            if (Cryptophones.isCryptophone(rs.getString(3))) {
                leads.add(new NameLead(rs.getLong(1), new HashSet<>(Names.keys(rs.getString(2))), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)));
            }
            return null;
        }).list();
        if (leads.isEmpty()) return;
        Map<Set<String>, Integer> bearers = new HashMap<>();
        for (Officer o : ctx.officers()) bearers.merge(nameKeys(o), 1, Integer::sum);
        for (Officer o : deniers) {
            Set<String> mine = nameKeys(o);
            if (mine.size() < 2) continue;
            for (NameLead l : leads) {
                if (!l.keys().containsAll(mine)) continue;
                Evidence e = ev.computeIfAbsent(o.id(), k -> new Evidence());
                e.nameLeads.add(l.id());
                e.sharedName |= bearers.getOrDefault(mine, 0) > 1;
                e.en.add("a lead from " + l.originator() + " (ref. " + l.reference() + ") names “" + l.value() + "” as a " + l.platform() + " user");
                e.sq.add("një sinjalizim nga " + l.originator() + " (ref. " + l.reference() + ") e përmend „" + l.value() + "” si përdorues të "
                        + l.platform());
            }
        }
    }

    private static Set<String> nameKeys(Officer o) {
        Set<String> k = new HashSet<>(Names.keys(o.givenName()));
        k.addAll(Names.keys(o.surname()));
        return k;
    }

    private static void emit(Officer o, Evidence e, Consumer<Finding> out) {
        Officer.Declaration d = denial(o);
        List<Long> leads = new ArrayList<>(e.identifierLeads);
        leads.addAll(e.nameLeads);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("declaration", Map.of("declaredOn", d.declaredOn().toString(), "answer", d.answer()));
        evidence.put("leads", leads);
        evidence.put("entities", List.copyOf(e.accounts));
        double w = !e.identifierLeads.isEmpty() || !e.accounts.isEmpty() ? 0.85 : e.sharedName ? 0.45 : 0.60;
        String key = "CONTRADICTION:" + d.declaredOn() + ":" + String.join(",", leads.stream().map(l -> "lead-" + l).toList())
                + (e.accounts.isEmpty() ? "" : ":" + String.join(",", e.accounts));
        String sq = "Më " + d.declaredOn() + " oficeri deklaroi se nuk ka përdorur kriptotelefon („" + d.answer() + "”), por " + String.join("; ", e.sq) + ".";
        String en = "On " + d.declaredOn() + " the officer declared he never used a cryptophone (“" + d.answer() + "”), but " + String.join("; ", e.en) + ".";
        out.accept(Finding.officer(o.id(), FactorKind.CONTRADICTION, key, w, sq, en, evidence));
    }
}
