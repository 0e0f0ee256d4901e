package besa.vetting.personnel;

import besa.audit.AuditAction;
import besa.audit.AuditOutcome;
import besa.vetting.VettingAccess;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Imports the HR files into the personnel register, one file per transaction.
 *
 * <ul>
 *   <li>register: each officer the file carries gets its names, unit, rank and identifiers replaced
 *       (and is active); his duties and declarations stay. With {@code wholeRegister}, active
 *       officers the file does not carry are marked inactive (never deleted).</li>
 *   <li>duties, declarations: each officer the file carries gets his rows of that kind replaced; the
 *       officer must be in the register.</li>
 * </ul>
 *
 * A file with invalid rows is refused as a whole (nothing stored, every problem reported) unless
 * {@code skipInvalid}: then those rows are reported and the rest imported. After the commit,
 * {@link PersonnelChanged} names the officers added or changed (deactivated ones included).
 */
@Service
public class PersonnelImport {
    private final VettingAccess access;
    private final PersonnelRegister register;
    private final ApplicationEventPublisher events;
    private final VettingAudit audit;

    PersonnelImport(VettingAccess access, PersonnelRegister register, ApplicationEventPublisher events, VettingAudit audit) {
        this.access = access;
        this.register = register;
        this.events = events;
        this.audit = audit;
    }

    /**
     * @throws MappingProblems when the mapping or the header cannot be used, or an option does not fit the kind
     * @throws org.springframework.security.access.AccessDeniedException for anyone who does no vetting work
     */
    public PersonnelImportResult importCsv(PersonnelMapping mapping, String csv, boolean wholeRegister, boolean skipInvalid) {
        if (wholeRegister && mapping.kind() != PersonnelFileKind.REGISTER) {
            throw new MappingProblems(List.of("wholeRegister applies only to the register, not to a " + mapping.kind().id() + " file"));
        }
        access.read(scope -> true); // 403 before the file is read for anyone who does no vetting work
        PersonnelCsv.Parsed parsed = new PersonnelCsv(mapping).parse(csv);
        Outcome outcome = access.write(scope -> store(mapping.kind(), parsed, wholeRegister, skipInvalid, scope.officer()));
        PersonnelImportResult r = outcome.result;
        // How many officers changed, never which: their ids are vetting material, the trail is not.
        audit.record(AuditAction.COLLECTION, "vetting personnel import " + r.summary() + " officersChanged=" + outcome.touched.size(),
                r.committed() ? AuditOutcome.SUCCESS : AuditOutcome.FAILED);
        if (r.committed() && !outcome.touched.isEmpty()) events.publishEvent(new PersonnelChanged(outcome.touched));
        return r;
    }

    private record Outcome(PersonnelImportResult result, Set<String> touched) {}

    private Outcome store(PersonnelFileKind kind, PersonnelCsv.Parsed parsed, boolean wholeRegister, boolean skipInvalid, String importer) {
        List<RowProblem> problems = new ArrayList<>(parsed.problems());
        List<PersonnelCsv.Row> rows = new ArrayList<>(parsed.rows());
        // A vetting officer's own record is not his to write: dropping a declared IMEI or a cryptophone
        // answer would switch off his own screening factors. (The row-level security refuses it too.)
        for (PersonnelCsv.Row row : rows) {
            if (OfficerIds.same(row.officerId(), importer)) {
                problems.add(new RowProblem(row.line(), PersonnelFileKind.defaultColumn("officerId"), row.officerId(), "you cannot import your own record"));
            }
        }
        rows.removeIf(r -> OfficerIds.same(r.officerId(), importer));
        if (kind != PersonnelFileKind.REGISTER) {
            // Duties and declarations belong to officers the register already holds.
            Set<String> known = register.existing(rows.stream().map(PersonnelCsv.Row::officerId).toList());
            String column = PersonnelFileKind.defaultColumn("officerId");
            for (PersonnelCsv.Row row : rows) {
                if (!known.contains(row.officerId())) {
                    problems.add(new RowProblem(row.line(), column, row.officerId(), "no officer with this id in the register: import the register first"));
                }
            }
            rows.removeIf(r -> !known.contains(r.officerId()));
        }
        problems.sort(java.util.Comparator.comparingLong(RowProblem::line));
        int refused = (int) problems.stream().mapToLong(RowProblem::line).distinct().count();
        Set<String> carried = new TreeSet<>();
        rows.forEach(r -> carried.add(r.officerId()));
        if (wholeRegister && rows.isEmpty() && problems.isEmpty()) {
            problems.add(new RowProblem(1, "", "", "the file carries no officer: as the whole register it would mark every officer inactive"));
        }
        if (!problems.isEmpty() && (!skipInvalid || wholeRegister && rows.isEmpty())) {
            return new Outcome(new PersonnelImportResult(kind, false, parsed.rowCount(), 0, refused, carried.size(), 0, 0, 0, problems), Set.of());
        }
        Map<String, Officer> before = new LinkedHashMap<>();
        register.find(carried).forEach(o -> before.put(o.id(), o));
        Set<String> added = new TreeSet<>(carried);
        added.removeAll(before.keySet());
        Set<String> changed = new TreeSet<>();
        int deactivated = 0;
        Set<String> gone = Set.of();
        switch (kind) {
            case REGISTER -> {
                List<Officer> officers = rows.stream().map(r -> (Officer) r.value()).toList();
                for (Officer o : officers) {
                    Officer old = before.get(o.id());
                    if (old != null && !sameRegister(old, o)) changed.add(o.id());
                }
                register.saveRegister(officers);
                if (wholeRegister) {
                    // Officers on refused rows are still in the register's file: skipping a row must not retire him.
                    Set<String> kept = new HashSet<>(carried);
                    kept.addAll(parsed.mentioned());
                    gone = register.deactivateAllExcept(kept, importer);
                    deactivated = gone.size();
                }
            }
            case DUTIES -> {
                Map<String, List<Officer.Duty>> duties = group(rows);
                duties.forEach((id, list) -> {
                    if (!new HashSet<>(before.get(id).duties()).equals(new HashSet<>(list))) changed.add(id);
                });
                register.replaceDuties(duties);
            }
            case DECLARATIONS -> {
                Map<String, List<Officer.Declaration>> declarations = group(rows);
                declarations.forEach((id, list) -> {
                    if (!new HashSet<>(before.get(id).declarations()).equals(new HashSet<>(list))) changed.add(id);
                });
                register.replaceDeclarations(declarations);
            }
        }
        Set<String> touched = new TreeSet<>(added);
        touched.addAll(changed);
        touched.addAll(gone);
        int changedCount = changed.size();
        return new Outcome(new PersonnelImportResult(kind, true, parsed.rowCount(), rows.size(), refused, carried.size(), added.size(),
                changedCount, deactivated, problems), touched);
    }

    private static boolean sameRegister(Officer a, Officer b) {
        return java.util.Objects.equals(a.givenName(), b.givenName()) && java.util.Objects.equals(a.fatherName(), b.fatherName())
                && java.util.Objects.equals(a.surname(), b.surname()) && java.util.Objects.equals(a.birthDate(), b.birthDate())
                && java.util.Objects.equals(a.unit(), b.unit()) && java.util.Objects.equals(a.rank(), b.rank()) && a.active() == b.active()
                && new HashSet<>(a.identifiers()).equals(new HashSet<>(b.identifiers()));
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, List<T>> group(List<PersonnelCsv.Row> rows) {
        Map<String, List<T>> m = new LinkedHashMap<>();
        for (PersonnelCsv.Row r : rows) m.computeIfAbsent(r.officerId(), k -> new ArrayList<>()).add((T) r.value());
        return m;
    }
}
