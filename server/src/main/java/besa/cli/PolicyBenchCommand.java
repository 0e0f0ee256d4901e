package besa.cli;

import besa.BesaApplication;
import besa.access.AccessPolicy;
import besa.access.AccessProfiles;
import besa.access.CompartmentKind;
import besa.access.Compartments;
import besa.access.Role;
import besa.access.UserAccounts;
import besa.intel.search.SearchBenchData;
import besa.intel.search.SearchQuery;
import besa.intel.search.SearchService;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code besa bench policy}: what the authorisation policy adds to a request. An analyst with ten
 * compartment memberships, on a store where a thousand entities sit in compartments (half of them
 * his) and one source is restricted, reads entities and searches; each request is timed with the
 * policy (facts loaded, settings set, conditions in the queries) and without (the application's own
 * unrestricted read), alternately, and the figures are the per-request differences.
 */
@Command(name = "policy", description = "Latency the authorisation policy adds to an entity read and a search (p50/p95/p99).")
public class PolicyBenchCommand implements Runnable {
    @Option(names = "--entities", description = "Entities the database must hold (default 100000).", defaultValue = "100000")
    long entities;

    @Option(names = "--requests", description = "Timed requests of each kind (default 2000).", defaultValue = "2000")
    int requests;

    @Option(names = "--data-dir", description = "Folder of the embedded database (default ./data).")
    String dataDir;

    @Override
    public void run() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--besa.demo.enabled=false", "--logging.level.root=warn"));
        if (dataDir != null) args.add("--besa.data-dir=" + dataDir);
        try (ConfigurableApplicationContext ctx = new SpringApplication(BesaApplication.class).run(args.toArray(String[]::new))) {
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            IntelStore store = ctx.getBean(IntelStore.class);
            SearchBenchData data = new SearchBenchData(store, jdbc);
            long held = data.ensure(entities, (done, total, rate) -> System.out.printf(Locale.ROOT,
                    "\rgenerating: %,d / %,d entities (%,.0f/s)   ", done, total, rate));
            System.out.printf(Locale.ROOT, "%ndatabase holds %,d entities%n", held);

            String run = "bench-policy-" + ProcessHandle.current().pid();
            String user = run + ".analyst", commander = run + ".commander";
            Compartments compartments = ctx.getBean(Compartments.class);
            List<String> ids = jdbc.sql("select entity_id from statement where source_id = ? and prop = 'name' order by entity_id limit ?")
                    .params(SearchBenchData.SOURCE, Math.max(requests, 1000)).query(String.class).list();
            try {
                ctx.getBean(UserAccounts.class).upsert(user, "Policy bench", "policy bench password " + run, Set.of(Role.ANALYST));
                ctx.getBean(UserAccounts.class).upsert(commander, "Policy bench", "policy bench password " + run, Set.of(Role.OPERATIONS_COMMANDER));
                store.saveSource(new Source(run, "Restricted bench source", "PARTNER", "bench"));
                ctx.getBean(AccessProfiles.class).restrictSource(run, Set.of(Role.LIAISON_OFFICER));
                for (int c = 0; c < 20; c++) {
                    long id = compartments.create(c % 2 == 0 ? CompartmentKind.CASE : CompartmentKind.OPERATION, run + "/" + c, "bench", null);
                    if (c < 10) compartments.grant(id, user, "bench");
                    if (c < 10) compartments.grant(id, commander, "bench");
                    for (int i = c; i < 1000 && i < ids.size(); i += 20) compartments.attach(id, ids.get(i * 7 % ids.size()));
                }
                System.out.println("-- analyst: H3, 10 memberships; every statement readable, so no per-statement condition");
                SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                        List.of(new SimpleGrantedAuthority(Role.ANALYST.authority()))));
                measure(ctx, store, data, ids);
                System.out.println("-- operations commander: H2, 10 memberships; a handling condition on every matching statement");
                SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(commander, null,
                        List.of(new SimpleGrantedAuthority(Role.OPERATIONS_COMMANDER.authority()))));
                measure(ctx, store, data, ids);
            } finally {
                SecurityContextHolder.clearContext();
                TransactionTemplate tx = new TransactionTemplate(ctx.getBean(PlatformTransactionManager.class));
                tx.executeWithoutResult(s -> {
                    jdbc.sql("select set_config('besa.system', 'on', true)").query().singleRow();
                    jdbc.sql("delete from restricted_entity r where exists (select 1 from compartment_entity ce join compartment c on c.id = ce.compartment_id"
                            + " where ce.entity_id = r.entity_id and c.reference like ?)").param(run + "/%").update();
                    jdbc.sql("delete from compartment where reference like ?").param(run + "/%").update();
                    jdbc.sql("delete from app_user where username in (?, ?)").params(user, commander).update();
                    jdbc.sql("delete from source where id = ?").param(run).update();
                });
            }
        }
    }

    private void measure(ConfigurableApplicationContext ctx, IntelStore store, SearchBenchData data, List<String> ids) {
        AccessPolicy policy = ctx.getBean(AccessPolicy.class);
        SearchService search = ctx.getBean(SearchService.class);
        TransactionTemplate readOnly = new TransactionTemplate(ctx.getBean(PlatformTransactionManager.class));
        readOnly.setReadOnly(true);

        for (int i = 0; i < 300; i++) { // warm-up
            String id = ids.get(i % ids.size());
            policy.readEntity(id, s -> store.find(id, s));
            readOnly.execute(s -> store.find(id));
        }
        long[] check = new long[requests];
        for (int i = 0; i < requests; i++) check[i] = time(policy::scope);
        print("policy check alone (load the user's facts, set the row-level security settings)", check);

        long[] base = new long[requests], with = new long[requests];
        for (int i = 0; i < requests; i++) {
            String id = ids.get(i % ids.size());
            base[i] = time(() -> readOnly.execute(s -> store.find(id)));
            with[i] = time(() -> policy.readEntity(id, s -> store.find(id, s)));
        }
        printPair("entity read", base, with);

        List<String> queries = data.querySet(Math.min(requests, 1000));
        for (String q : queries.subList(0, Math.min(100, queries.size()))) policy.read(s -> search.search(SearchQuery.of(q), s));
        long[] sBase = new long[queries.size()], sWith = new long[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            SearchQuery q = SearchQuery.of(queries.get(i));
            sBase[i] = time(() -> search.search(q));
            sWith[i] = time(() -> policy.read(s -> search.search(q, s)));
        }
        printPair("search", sBase, sWith);
    }

    private static long time(Supplier<?> work) {
        long t = System.nanoTime();
        work.get();
        return System.nanoTime() - t;
    }

    private static void printPair(String what, long[] base, long[] with) {
        long[] added = new long[base.length];
        for (int i = 0; i < base.length; i++) added[i] = with[i] - base[i];
        print(what + " without the policy", base);
        print(what + " with the policy", with);
        print(what + ": added by the policy (per request, paired)", added);
    }

    private static void print(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%s: n=%,d p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n", what, s.length,
                pct(s, 0.50) / 1e6, pct(s, 0.95) / 1e6, pct(s, 0.99) / 1e6);
    }

    private static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
