package besa.access.oidc;

import besa.access.Factors;
import besa.access.UserAccounts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Turns a sign-in the provider vouched for into a login to a local Besa account. Accounts stay local:
 * the provider says who the person is and that two factors were used; Besa decides what they may do.
 */
class OidcAccounts implements OAuth2UserService<OidcUserRequest, OidcUser> {
    private final OAuth2UserService<OidcUserRequest, OidcUser> provider = new OidcUserService();
    private final OidcProperties settings;
    private final UserAccounts accounts;
    private final JdbcClient jdbc;

    OidcAccounts(OidcProperties settings, UserAccounts accounts, JdbcClient jdbc) {
        this.settings = settings;
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser idp = provider.loadUser(request); // merges the user info endpoint's claims, if any
        OidcIdToken idToken = request.getIdToken();
        String username = idp.getClaimAsString(settings.usernameClaim());
        UserDetails account = username == null || username.isBlank() ? null : find(username);
        if (account == null) throw new OidcRefusal.UnknownAccount(settings.usernameClaim());
        if (!account.isEnabled()) throw new OidcRefusal.AccountDisabled(account.getUsername());
        // amr and acr are read from the signed ID token only, never from the user info response.
        if (!secondFactorProven(idToken)) throw new OidcRefusal.SecondFactorMissing(account.getUsername());
        if (settings.bindSubject()) bind(account.getUsername(), idToken.getIssuer().toString(), idToken.getSubject());
        return new DefaultOidcUser(authorities(account), idToken, idp.getUserInfo(), settings.usernameClaim());
    }

    /**
     * What an OIDC login is granted. This is the one place that maps a sign-in at the provider to Besa
     * authorities; align it with the password login's factor names when multi-factor rules change.
     * <ul>
     *   <li>Roles come from the local account only: nothing the provider claims (groups, roles) is used,
     *       so a compromised or misconfigured provider cannot raise anyone's privileges.</li>
     *   <li>{@code FACTOR_AUTHORIZATION_CODE} is Spring Security's factor for "authenticated by an
     *       OAuth 2.0 / OIDC provider" (the first factor).</li>
     *   <li>{@link #SECOND_FACTOR_AT_PROVIDER} records that the provider verified a second factor
     *       (checked by {@link #secondFactorProven}); {@link Factors#passwordAndSecondFactor()} accepts
     *       it with the authorization-code factor in place of a password and a TOTP code or passkey.</li>
     * </ul>
     */
    static List<GrantedAuthority> authorities(UserDetails account) {
        List<GrantedAuthority> granted = new ArrayList<>();
        for (GrantedAuthority a : account.getAuthorities()) {
            if (a.getAuthority() != null && a.getAuthority().startsWith("ROLE_")) granted.add(a);
        }
        granted.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY));
        granted.add(FactorGrantedAuthority.fromAuthority(SECOND_FACTOR_AT_PROVIDER));
        return granted;
    }

    /** The factor authority for "the OpenID provider verified a second factor" (see {@link #authorities}). */
    static final String SECOND_FACTOR_AT_PROVIDER = Factors.PROVIDER_SECOND_FACTOR;

    /** A second factor counts only if the ID token says so: a listed {@code amr} value, or the configured {@code acr}. */
    boolean secondFactorProven(OidcIdToken token) {
        Collection<String> amr = token.getAuthenticationMethods();
        if (amr != null && amr.stream().anyMatch(settings.mfaAmr()::contains)) return true;
        return settings.mfaAcr() != null && settings.mfaAcr().equals(token.getAuthenticationContextClass());
    }

    private UserDetails find(String username) {
        try {
            return accounts.loadUserByUsername(username);
        } catch (UsernameNotFoundException e) {
            return null;
        }
    }

    /**
     * The first sign-in binds the account to the provider's subject; later ones must carry the same
     * subject, and a subject bound to one account cannot sign in to another.
     */
    private void bind(String username, String issuer, String subject) {
        // Either unique key (issuer+subject, issuer+username) may already be taken: then nothing is
        // inserted, and the sign-in passes only if exactly this binding is the one stored.
        jdbc.sql("""
                insert into oidc_binding (issuer, username, subject) values (?, ?, ?)
                on conflict do nothing""").params(issuer, username, subject).update();
        boolean bound = jdbc.sql("select count(*) from oidc_binding where issuer = ? and username = ? and subject = ?")
                .params(issuer, username, subject).query(Long.class).single() == 1;
        if (!bound) throw new OidcRefusal.SubjectMismatch(username);
    }
}
