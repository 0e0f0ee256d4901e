package besa.demo;

import besa.access.Base32;
import besa.access.Role;
import besa.access.SecondFactors;
import besa.access.Totp;
import besa.access.UserAccounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * One demo account per role. Passwords are generated at random on first run; the database keeps only
 * their Argon2id hashes, and {@value #FILE} (mode 0600) in the data folder keeps them for the person
 * running the demo, so that a second {@code ./besa demo} can print them again. Each account has a
 * TOTP secret enrolled as its second factor; the file holds it too (key and otpauth URI), so that
 * {@code ./besa demo code <user>} can print the current code for someone without an authenticator app.
 */
@Component
public class DemoAccounts {
    public static final String FILE = "demo-accounts.txt";
    /** The vetting unit's demo account; the demo links it to a clean officer of the register. */
    public static final String VETTING_USER = "vetting";
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final Map<Role, String[]> ACCOUNTS = new LinkedHashMap<>();

    static {
        ACCOUNTS.put(Role.ANALYST, new String[] {"analyst", "Analist (demo)"});
        ACCOUNTS.put(Role.VETTING_OFFICER, new String[] {VETTING_USER, "Oficer vetingu (demo)"});
        ACCOUNTS.put(Role.LIAISON_OFFICER, new String[] {"liaison", "Oficer ndërlidhës (demo)"});
        ACCOUNTS.put(Role.OPERATIONS_COMMANDER, new String[] {"commander", "Komandant operacionesh (demo)"});
        ACCOUNTS.put(Role.TRAINING_COORDINATOR, new String[] {"training", "Koordinator trajnimesh (demo)"});
        ACCOUNTS.put(Role.AUDITOR, new String[] {"auditor", "Auditues (demo)"});
        ACCOUNTS.put(Role.ADMINISTRATOR, new String[] {"admin", "Administrator (demo)"});
    }

    /** A demo account; {@code totpSecret} is the base-32 key of its second factor. */
    public record Account(String username, Role role, String password, String totpSecret) {
        public String otpauthUri() {
            return Totp.otpauthUri("Besa", username, Base32.decode(totpSecret));
        }
    }

    private record Saved(String password, String totpSecret) {}

    private final UserAccounts users;
    private final PasswordEncoder encoder;
    private final SecondFactors factors;
    private final SecureRandom random = new SecureRandom();

    public DemoAccounts(UserAccounts users, PasswordEncoder encoder, SecondFactors factors) {
        this.users = users;
        this.encoder = encoder;
        this.factors = factors;
    }

    /**
     * Makes sure every demo account exists with the password in the file; creates what is missing
     * (or no longer matches) with a new random password and rewrites the file.
     */
    public List<Account> ensure(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        Map<String, Saved> saved = read(file);
        List<Account> accounts = new ArrayList<>();
        boolean changed = false;
        for (var e : ACCOUNTS.entrySet()) {
            String username = e.getValue()[0];
            Saved s = saved.get(username);
            String password = s == null ? null : s.password();
            if (password == null || !matches(username, password)) {
                password = newPassword();
                users.upsert(username, e.getValue()[1], password, Set.of(e.getKey()));
                changed = true;
            }
            // The database's secret wins (it may have been re-enrolled on the Security page).
            byte[] secret = factors.totpSecret(username).orElse(null);
            if (secret == null) {
                secret = Totp.newSecret();
                factors.enrolTotp(username, secret, -1, "");
            }
            String totp = Base32.encode(secret);
            if (s == null || !totp.equals(s.totpSecret())) changed = true;
            accounts.add(new Account(username, e.getKey(), password, totp));
        }
        if (changed || !Files.exists(file)) write(file, accounts);
        return accounts;
    }

    private boolean matches(String username, String password) {
        try {
            return encoder.matches(password, users.loadUserByUsername(username).getPassword());
        } catch (UsernameNotFoundException e) {
            return false;
        }
    }

    /** 20 characters from 55 unambiguous letters and digits (about 115 bits), in groups of five. */
    String newPassword() {
        StringBuilder b = new StringBuilder(23);
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) b.append('-');
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /**
     * The current TOTP code of a demo account, from the file in {@code dataDir}: what an authenticator
     * app would show now.
     */
    public static String currentCode(Path dataDir, String username, Clock clock) {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no demo accounts in " + dataDir + " (" + FILE + " is missing): run ./besa demo first");
        }
        Saved s = read(file).get(username);
        if (s == null) throw new IllegalArgumentException("'" + username + "' is not a demo account in " + file);
        if (s.totpSecret() == null) throw new IllegalArgumentException(file + " holds no TOTP key for '" + username + "': run ./besa demo again");
        return Totp.code(Base32.decode(s.totpSecret()), Totp.step(clock.instant()));
    }

    private static Map<String, Saved> read(Path file) {
        Map<String, Saved> m = new LinkedHashMap<>();
        if (!Files.exists(file)) return m;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] cols = line.split("\t");
                if (cols.length >= 2) m.put(cols[0].strip(), new Saved(cols[1].strip(), cols.length >= 4 ? cols[3].strip() : null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the demo accounts in " + file + ": " + e.getMessage(), e);
        }
        return m;
    }

    private static void write(Path file, List<Account> accounts) {
        StringBuilder b = new StringBuilder("""
                # Besa demo accounts: user name, password, role, TOTP key (base 32), otpauth URI for an
                # authenticator app. Generated on first run of ./besa demo; the database stores only Argon2id
                # hashes of these passwords. `./besa demo code <user>` prints the current TOTP code.
                # Keep this file private.
                """);
        for (Account a : accounts) {
            b.append(a.username()).append('\t').append(a.password()).append('\t').append(a.role())
                    .append('\t').append(a.totpSecret()).append('\t').append(a.otpauthUri()).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, b, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the demo accounts to " + file + ": " + e.getMessage(), e);
        }
    }
}
