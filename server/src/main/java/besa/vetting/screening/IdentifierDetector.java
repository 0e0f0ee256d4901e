package besa.vetting.screening;

import besa.access.ReadScope;
import besa.intel.model.PropertyType;
import besa.intel.model.SearchKey;
import besa.vetting.personnel.Officer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * IDENTIFIER: an officer's phone, IMEI, vehicle plate or address appears in intelligence, or in a
 * partner's integrity lead. Values are compared in their clean form through {@code search_key}
 * (phones E.164, IMEIs by their first 14 digits, plates compacted, addresses by their words), so
 * "00355 69…", "069…" and "+355 69…" are one phone. Each hit is checked against an active statement
 * the vetting unit may read.
 *
 * <p>Weight: by kind (IMEI 0.55, phone 0.45, vehicle 0.30, address 0.15), plus 0.10 for an identifier
 * the force issued (0.05 declared): a service phone has no business in a criminal's contacts; plus
 * 0.35 when the intelligence entity is a group member or one relation from one. A lead (a partner
 * says this identifier is linked to police wrongdoing) weighs 0.60, 0.80 for a cryptophone platform.
 */
@Component
class IdentifierDetector implements Detector {
    private final Map<String, double[]> weights = Map.of("PHONE", new double[] {0.45}, "IMEI", new double[] {0.55}, "VEHICLE", new double[] {0.30},
            "ADDRESS", new double[] {0.15});
    /** An address word found in more entities than this says nothing about who lives there. */
    static final int COMMON_WORD = 1000;
    /** Words of the kind of way or building, written many ways ("Rruga", "Rr.", "Rruge"): not needed to agree. */
    static final Set<String> ADDRESS_NOISE = Set.of("rruga", "rruge", "rrug", "bulevardi", "bulevard", "blv", "bul", "lagjja", "lagja", "lagje",
            "pallati", "pall", "shkalla", "shk", "kati", "apartamenti", "numri", "via", "ulica", "str", "street", "road");

    @Override
    public FactorKind kind() {
        return FactorKind.IDENTIFIER;
    }

    @Override
    public void screen(ScreeningContext ctx, Consumer<Finding> out) {
        List<Hit> hits = new ArrayList<>(identifiers(ctx, null));
        hits.addAll(addresses(ctx, null));
        emit(ctx, hits, out);
        leads(ctx, out);
    }

    @Override
    public void screenChanged(ScreeningContext ctx, Set<String> entityIds, Consumer<Finding> out) {
        if (entityIds.isEmpty()) return;
        // A new membership or relation next to a known hit changes its weight: look one relation further.
        Set<String> ids = new HashSet<>(entityIds);
        String[] arr = entityIds.toArray(String[]::new);
        ids.addAll(ctx.jdbc().sql("""
                select case when subject_id = any(?) then object_id else subject_id end from edge
                where subject_id = any(?) or object_id = any(?)""").params(arr, arr, arr).query(String.class).list());
        List<Hit> hits = new ArrayList<>(identifiers(ctx, ids));
        hits.addAll(addresses(ctx, ids));
        emit(ctx, hits, out);
    }

    /** One officer identifier found on one intelligence entity. */
    record Hit(String officerId, String kind, String value, String origin, String entityId, String entityType, String caption) {}

    /** The officer identifier's key as {@code search_key} holds it (V94 indexes this expression). */
    static final String OFFICER_KEY = "(case when oi.kind = 'IMEI' then left(oi.value, 14) else oi.value end)";

    private List<Hit> identifiers(ScreeningContext ctx, Set<String> changed) {
        ReadScope scope = ctx.scope();
        // A full run goes from the officers' identifiers to the keys; an incremental one from the few keys of
        // the changed entities to the officers (through V94's index), whatever the size of the register.
        String from = changed == null ? """
                from officer_identifier oi
                join search_key k on k.kind = case oi.kind when 'PHONE' then 'phone' when 'IMEI' then 'imei' else 'id' end
                                 and k.key = OFFICER_KEY
                join entity e on e.id = k.entity_id
                where oi.officer_id = any(?) and oi.kind in ('PHONE', 'IMEI', 'VEHICLE')"""
                : """
                from search_key k
                join officer_identifier oi on oi.kind = case k.kind when 'phone' then 'PHONE' when 'imei' then 'IMEI' else 'VEHICLE' end
                                 and OFFICER_KEY = k.key
                join entity e on e.id = k.entity_id
                where k.entity_id = any(?) and k.kind in ('phone', 'imei', 'id') and oi.officer_id = any(?)""";
        String sql = """
                select oi.officer_id, oi.kind, oi.value, oi.origin, e.id, e.type, e.caption
                FROM
                  and e.type = case oi.kind when 'PHONE' then 'Phone' when 'IMEI' then 'Device' else 'Vehicle' end
                  and ALLOWED
                  and exists (select 1 from statement s where s.entity_id = e.id and s.retired_at is null and VISIBLE
                              and s.prop = case oi.kind when 'PHONE' then 'number' when 'IMEI' then 'imei' else 'plate' end
                              and case when oi.kind = 'IMEI' then left(s.value, 14) = left(oi.value, 14) else s.value = oi.value end)"""
                .replace("FROM", from.replace("OFFICER_KEY", OFFICER_KEY) + "\n")
                .replace("ALLOWED", scope.entityAllowed("e.id"))
                .replace("VISIBLE", scope.statementVisible("s"));
        List<Object> params = new ArrayList<>();
        if (changed != null) params.add(changed.toArray(String[]::new));
        params.add(officerIds(ctx));
        return ctx.jdbc().sql(sql).params(params).query((rs, n) -> new Hit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7))).list();
    }

    /**
     * Addresses match by their words (the ADDRESS search keys): an intelligence address holding every word
     * of the officer's address but the kind of way or building ("Rruga", "Rr.", "Pallati"), town
     * included, and every house or flat number. Candidates come from the address's rarest word, so "Rruga" and "Tiranë" do not
     * make every address a candidate.
     */
    private List<Hit> addresses(ScreeningContext ctx, Set<String> changed) {
        record Addr(String officerId, String value, String origin, List<String> words) {}
        List<Addr> addrs = new ArrayList<>();
        Set<String> words = new HashSet<>();
        for (Officer o : ctx.officers()) {
            for (Officer.Identifier i : o.identifiers(Officer.IdentifierKind.ADDRESS)) {
                List<String> w = PropertyType.ADDRESS.searchKeys(i.value()).stream().map(SearchKey::key).filter(k -> !ADDRESS_NOISE.contains(k))
                        .distinct().toList();
                if (w.size() < 2) continue;
                addrs.add(new Addr(o.id(), i.value(), i.origin().name(), w));
                words.addAll(w);
            }
        }
        if (addrs.isEmpty()) return List.of();
        Map<String, Integer> df = new HashMap<>();
        ctx.jdbc().sql("""
                select t.w, (select count(*) from (select 1 from search_key k where k.kind = 'address' and k.key = t.w limit ?) x)
                from unnest(?::text[]) t(w)""").params(COMMON_WORD + 1, words.toArray(String[]::new))
                .query((rs, n) -> df.put(rs.getString(1), rs.getInt(2))).list();
        List<String> officer = new ArrayList<>(), value = new ArrayList<>(), origin = new ArrayList<>(), probe = new ArrayList<>(), all = new ArrayList<>();
        List<Integer> need = new ArrayList<>();
        for (Addr a : addrs) {
            int required = a.words().size();
            List<String> present = a.words().stream().filter(w -> df.getOrDefault(w, 0) > 0).toList();
            if (present.size() < required) continue;
            String rarest = present.stream().min((x, y) -> Integer.compare(df.get(x), df.get(y))).orElseThrow();
            if (df.get(rarest) > COMMON_WORD) continue;
            officer.add(a.officerId());
            value.add(a.value());
            origin.add(a.origin());
            probe.add(rarest);
            all.add(String.join(" ", a.words()));
            need.add(required);
        }
        if (officer.isEmpty()) return List.of();
        ReadScope scope = ctx.scope();
        String sql = """
                select a.officer_id, a.address, a.origin, e.id, e.type, e.caption, f.text
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[]) a(officer_id, address, origin, probe, words, need)
                join search_key k on k.kind = 'address' and k.key = a.probe CHANGED
                join entity e on e.id = k.entity_id and e.type = 'Address'
                cross join lateral (select string_agg(s.value, ' | ') as text from statement s
                                    where s.entity_id = e.id and s.prop = 'full' and s.retired_at is null and VISIBLE) f
                where (select count(*) from search_key k2 where k2.entity_id = k.entity_id and k2.kind = 'address'
                       and k2.key = any(string_to_array(a.words, ' '))) >= a.need
                  and f.text is not null and ALLOWED"""
                .replace("CHANGED", changed == null ? "" : "and k.entity_id = any(?)")
                .replace("ALLOWED", scope.entityAllowed("e.id"))
                .replace("VISIBLE", scope.statementVisible("s"));
        List<Object> params = new ArrayList<>(List.of(officer.toArray(String[]::new), value.toArray(String[]::new), origin.toArray(String[]::new),
                probe.toArray(String[]::new), all.toArray(String[]::new), need.toArray(Integer[]::new)));
        if (changed != null) params.add(changed.toArray(String[]::new));
        List<Hit> hits = new ArrayList<>();
        ctx.jdbc().sql(sql).params(params).query((rs, n) -> {
            if (sameNumbers(rs.getString(2), rs.getString(7))) {
                hits.add(new Hit(rs.getString(1), "ADDRESS", rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
            }
            return null;
        }).list();
        return hits;
    }

    /** House and flat numbers decide between neighbours: every number of the officer's address must be in the other. */
    static boolean sameNumbers(String officerAddress, String intelAddress) {
        Set<String> theirs = new HashSet<>(besa.match.normalize.Names.tokens(intelAddress.replaceAll("(\\d)(\\p{L})", "$1 $2")));
        for (String t : besa.match.normalize.Names.tokens(officerAddress.replaceAll("(\\d)(\\p{L})", "$1 $2"))) {
            if (t.chars().anyMatch(Character::isDigit) && !theirs.contains(t)) return false;
        }
        return true;
    }

    private void emit(ScreeningContext ctx, List<Hit> hits, Consumer<Finding> out) {
        Map<String, CriminalLinks.Link> links = CriminalLinks.of(ctx.jdbc(), ctx.scope(), hits.stream().map(Hit::entityId).distinct().toList());
        for (Hit h : hits) {
            CriminalLinks.Link link = links.get(h.entityId());
            double w = weights.get(h.kind())[0] + switch (h.origin()) {
                case "ISSUED" -> 0.10;
                case "DECLARED" -> 0.05;
                default -> 0;
            } + (link == null ? 0 : 0.35);
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("identifier", Map.of("kind", h.kind(), "value", h.value()));
            evidence.put("origin", h.origin());
            List<String> entities = new ArrayList<>(List.of(h.entityId()));
            String sq = Words.ownSq(h.kind(), h.origin()) + " " + h.value() + " gjendet në inteligjencë: " + h.entityType() + " „" + h.caption() + "” ("
                    + h.entityId() + ")";
            String en = Words.ownEn(h.kind(), h.origin()) + " " + h.value() + " is in intelligence: " + h.entityType() + " “" + h.caption() + "” ("
                    + h.entityId() + ")";
            if (link != null) {
                evidence.put("member", link.memberId());
                evidence.put("group", link.groupId());
                if (!link.memberId().equals(h.entityId())) entities.add(link.memberId());
                entities.add(link.groupId());
                if (link.memberId().equals(h.entityId())) {
                    sq += ", anëtar i grupit „" + link.groupCaption() + "” (" + link.groupId() + ")";
                    en += ", a member of the group “" + link.groupCaption() + "” (" + link.groupId() + ")";
                } else {
                    sq += ", e lidhur me „" + link.memberCaption() + "” (" + link.memberId() + "), anëtar i grupit „" + link.groupCaption() + "” ("
                            + link.groupId() + ")";
                    en += ", linked to “" + link.memberCaption() + "” (" + link.memberId() + "), a member of the group “" + link.groupCaption() + "” ("
                            + link.groupId() + ")";
                }
            }
            evidence.put("entities", entities);
            out.accept(Finding.officer(h.officerId(), FactorKind.IDENTIFIER, "IDENTIFIER:" + h.kind() + ":" + h.value() + ":" + h.entityId(),
                    Math.min(0.95, w), sq + ".", en + ".", evidence));
        }
    }

    /** The officer's identifiers in partners' integrity leads (not intelligence: no scope applies, the unit sees every lead). */
    private void leads(ScreeningContext ctx, Consumer<Finding> out) {
        ctx.jdbc().sql("""
                select oi.officer_id, oi.kind, oi.value, oi.origin, l.id, l.platform, l.originator, l.reference, l.entity_id, l.attribution
                from officer_identifier oi
                join lead l on l.kind = oi.kind
                    and (case when l.kind = 'IMEI' then left(l.value, 14) else lower(l.value) end)
                      = (case when oi.kind = 'IMEI' then left(oi.value, 14) else lower(oi.value) end)
                where oi.officer_id = any(?)
                order by oi.officer_id, l.id""").param(officerIds(ctx)).query((rs, n) -> {
            String kind = rs.getString(2), value = rs.getString(3), origin = rs.getString(4), platform = rs.getString(6);
            long lead = rs.getLong(5);
            boolean crypto = Cryptophones.isCryptophone(platform);
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("identifier", Map.of("kind", kind, "value", value));
            evidence.put("origin", origin);
            evidence.put("leads", List.of(lead));
            evidence.put("entities", rs.getString(9) == null ? List.of() : List.of(rs.getString(9)));
            String on = platform == null || platform.isBlank() ? "" : " (" + platform + ")";
            String sq = Words.ownSq(kind, origin) + " " + value + " është në një sinjalizim integriteti të " + rs.getString(7) + on + ", ref. "
                    + rs.getString(8) + "; atribuimi: " + rs.getString(10) + ".";
            String en = Words.ownEn(kind, origin) + " " + value + " is in an integrity lead from " + rs.getString(7) + on + ", ref. " + rs.getString(8)
                    + "; attribution: " + rs.getString(10) + ".";
            out.accept(Finding.officer(rs.getString(1), FactorKind.IDENTIFIER, "IDENTIFIER:" + kind + ":" + value + ":lead-" + lead,
                    crypto ? 0.80 : 0.60, sq, en, evidence));
            return null;
        }).list();
    }

    static String[] officerIds(ScreeningContext ctx) {
        return ctx.officers().stream().map(Officer::id).toArray(String[]::new);
    }
}
