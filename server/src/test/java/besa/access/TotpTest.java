package besa.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {
    private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_SEED =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238 Appendix B: time, 8-digit TOTP for SHA1, SHA256 and SHA512. */
    @ParameterizedTest
    @CsvSource({
            "59, 94287082, 46119246, 90693936",
            "1111111109, 07081804, 68084774, 25091201",
            "1111111111, 14050471, 67062674, 99943326",
            "1234567890, 89005924, 91819424, 93441116",
            "2000000000, 69279037, 90698825, 38618901",
            "20000000000, 65353130, 77737706, 47863826"})
    void rfc6238AppendixBVectors(long seconds, String sha1, String sha256, String sha512) {
        long step = Totp.step(Instant.ofEpochSecond(seconds));
        assertThat(Totp.code(SHA1_SEED, step, 8, "HmacSHA1")).isEqualTo(sha1);
        assertThat(Totp.code(SHA256_SEED, step, 8, "HmacSHA256")).isEqualTo(sha256);
        assertThat(Totp.code(SHA512_SEED, step, 8, "HmacSHA512")).isEqualTo(sha512);
        // The 6-digit code apps show is the last six digits of the same truncation.
        assertThat(Totp.code(SHA1_SEED, step)).isEqualTo(sha1.substring(2));
    }

    @Test
    void acceptsOneStepEitherSideAndNoFurther() {
        Instant now = Instant.ofEpochSecond(1_700_000_010L); // 10 s into its step
        long step = Totp.step(now);
        assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step), now)).isEqualTo(step);
        assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step - 1), now)).isEqualTo(step - 1);
        assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step + 1), now)).isEqualTo(step + 1);
        assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step - 2), now)).isEqualTo(-1);
        assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step + 2), now)).isEqualTo(-1);
    }

    @Test
    void windowEdgesFollowTheStepBoundaries() {
        long step = 56_666_667L;
        Instant lastSecondOfStep = Instant.ofEpochSecond(step * 30 + 29);
        Instant firstSecondOfNext = Instant.ofEpochSecond((step + 1) * 30);
        String code = Totp.code(SHA1_SEED, step - 1);
        assertThat(Totp.matchingStep(SHA1_SEED, code, lastSecondOfStep)).isEqualTo(step - 1);
        assertThat(Totp.matchingStep(SHA1_SEED, code, firstSecondOfNext)).isEqualTo(-1);
    }

    @Test
    void rejectsMalformedCodes() {
        Instant now = Instant.ofEpochSecond(59);
        assertThat(Totp.matchingStep(SHA1_SEED, null, now)).isEqualTo(-1);
        assertThat(Totp.matchingStep(SHA1_SEED, "", now)).isEqualTo(-1);
        assertThat(Totp.matchingStep(SHA1_SEED, "28708", now)).isEqualTo(-1);
        assertThat(Totp.matchingStep(SHA1_SEED, "2870a2", now)).isEqualTo(-1);
        assertThat(Totp.matchingStep(SHA1_SEED, "287 082", now)).isEqualTo(Totp.step(now));
        assertThatThrownBy(() -> Totp.code(SHA1_SEED, 1, 5, "HmacSHA1")).hasMessageContaining("6 to 9 digits");
    }

    @Test
    void secretsAreRandom160BitValuesInBase32() {
        byte[] a = Totp.newSecret();
        byte[] b = Totp.newSecret();
        assertThat(a).hasSize(20).isNotEqualTo(b);
        assertThat(Base32.encode(a)).hasSize(32).matches("[A-Z2-7]+");
        assertThat(Base32.decode(Base32.encode(a))).isEqualTo(a);
        // RFC 4648 test vectors (without padding).
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Base32.decode("mzxw 6ytb oi======")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Base32.decode("MZ1W")).hasMessageContaining("'1' at position 3");
    }

    @Test
    void otpauthUriCarriesTheSecretAndParameters() {
        String uri = Totp.otpauthUri("Besa", "a.user", "foobar".getBytes(StandardCharsets.US_ASCII));
        assertThat(uri).isEqualTo("otpauth://totp/Besa:a.user?secret=MZXW6YTBOI&issuer=Besa&algorithm=SHA1&digits=6&period=30");
    }
}
