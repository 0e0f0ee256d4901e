package besa.exchange.hit;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.exchange.partner.PartnerRegistry;
import besa.match.privacy.ClkRecord;
import besa.match.privacy.Identifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * What the cross-matching pages and API do on an officer's behalf, checked once for both: CSV lists
 * read with per-line errors, the partner checked, runs started from an uploaded or an offered list,
 * and results read (audited: they name our own records that a partner also holds).
 */
final class CrossMatchService {
    /** A run with what it found: PSI our identifiers in the intersection; CLK our record, the partner's index, Dice. */
    record Result(CrossMatch.Session session, List<Match> matches) {}

    record Match(int own, String ownRecord, Integer peer, Double dice) {}

    private final CrossMatch crossMatch;
    private final PartnerRegistry partners;
    private final AuditLog audit;

    CrossMatchService(CrossMatch crossMatch, PartnerRegistry partners, AuditLog audit) {
        this.crossMatch = crossMatch;
        this.partners = partners;
        this.audit = audit;
    }

    CrossMatch crossMatch() {
        return crossMatch;
    }

    /** The partner id if it is registered; a refusal naming the field otherwise. */
    String partner(String id) {
        if (id == null || id.isBlank()) throw new HitRefused(HttpStatus.BAD_REQUEST, "partner", "the partner is required");
        return partners.find(id.strip()).map(p -> p.id()).orElseThrow(() -> new HitRefused(HttpStatus.BAD_REQUEST, "partner", "no partner " + id));
    }

    /** Offers a CSV list to a partner; returns how many items it holds. Nothing is stored if any line is bad. */
    int offer(String actor, String partnerId, String name, CrossMatch.Method method, String csv) {
        String partner = partner(partnerId);
        if (name == null || name.isBlank()) throw new HitRefused(HttpStatus.BAD_REQUEST, "name", "the list needs a name the partner will ask for");
        if (method == CrossMatch.Method.PSI) {
            List<Identifier> items = ListCsv.identifiers(csv);
            crossMatch.offerIdentifiers(actor, partner, name.strip(), items);
            return items.size();
        }
        List<ClkRecord> items = ListCsv.persons(csv);
        crossMatch.offerPersons(actor, partner, name.strip(), items);
        return items.size();
    }

    /** Starts a run against {@code list} offered by the partner, with our list from {@code csv} or one of our offered lists. */
    UUID start(String actor, String partnerId, CrossMatch.Method method, String list, String csv, String ownListPartner, String ownList) {
        String partner = partner(partnerId);
        if (list == null || list.isBlank()) throw new HitRefused(HttpStatus.BAD_REQUEST, "list", "name the partner's list to match against");
        boolean uploaded = csv != null && !csv.isBlank();
        if (!uploaded && (ownList == null || ownList.isBlank())) {
            throw new HitRefused(HttpStatus.BAD_REQUEST, "csv", "upload our list as CSV or choose one of our lists");
        }
        String ownPartner = ownListPartner == null || ownListPartner.isBlank() ? partner : partner(ownListPartner);
        if (method == CrossMatch.Method.PSI) {
            List<Identifier> own = uploaded ? ListCsv.identifiers(csv) : crossMatch.offeredIdentifiers(ownPartner, ownList.strip());
            return crossMatch.startPsi(actor, partner, list.strip(), own);
        }
        List<ClkRecord> own = uploaded ? ListCsv.persons(csv) : crossMatch.offeredPersons(ownPartner, ownList.strip());
        return crossMatch.startClk(actor, partner, list.strip(), own);
    }

    /** A run and its matches (ours if we started it, else what we answered: no matches), audited as a consultation. */
    Optional<Result> result(String actor, UUID id, String clientAddress) {
        Optional<CrossMatch.Session> s = crossMatch.session(id, "REQUESTER").or(() -> crossMatch.session(id, "RESPONDER"));
        if (s.isEmpty()) return Optional.empty();
        List<Match> matches = new ArrayList<>();
        if (s.get().role().equals("REQUESTER")) {
            List<List<String>> own = crossMatch.ownItems(id);
            if (s.get().method() == CrossMatch.Method.PSI) {
                for (Identifier i : crossMatch.intersection(id)) matches.add(new Match(-1, i.kind() + " " + i.value(), null, null));
            } else {
                for (CrossMatch.Pair p : crossMatch.pairs(id)) {
                    String record = p.own() < own.size() ? describe(own.get(p.own())) : "#" + p.own();
                    matches.add(new Match(p.own(), record, p.peer(), Math.round(p.dice() * 1000) / 1000.0));
                }
            }
        }
        audit.record(new AuditEvent(actor, AuditAction.CONSULTATION, "cross-match " + id + " results (" + s.get().method() + ", "
                + matches.size() + " matches)", "", s.get().partnerId(), AuditOutcome.SUCCESS, clientAddress));
        return Optional.of(new Result(s.get(), matches));
    }

    private static String describe(List<String> person) {
        String name = String.join(" ", person.subList(0, 3).stream().filter(x -> !x.isBlank()).toList());
        return name + ", " + person.get(3);
    }
}
