package besa.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The second step of a sign-in: {@code POST /login/second-factor} with a TOTP {@code code} or a
 * {@code recovery} code, by a session that has passed the password step. On success the factor's
 * authority joins the password's (Spring Security's multi-factor merge), the session id changes,
 * and Spring's authentication events are published (audited as LOGIN_SUCCESS / LOGIN_FAILURE).
 */
final class SecondFactorLogin {
    static final String URL = "/login/second-factor";
    /** Failed codes after which the session is ended and the password must be given again. */
    static final int SESSION_FAILURES = 5;
    private static final String FAILURES = "besa.secondFactor.failures";

    private SecondFactorLogin() {}

    static AbstractAuthenticationProcessingFilter filter(SecondFactors factors, UserAccounts accounts,
                                                         AuthenticationEventPublisher events) {
        ProviderManager manager = new ProviderManager(new Provider(factors, accounts));
        manager.setAuthenticationEventPublisher(events);
        Filter filter = new Filter();
        filter.setAuthenticationManager(manager);
        filter.setMfaEnabled(true);
        filter.setSecurityContextRepository(new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository()));
        filter.setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
        filter.setAuthenticationFailureHandler(new SimpleUrlAuthenticationFailureHandler(URL + "?error"));
        return filter;
    }

    /** The code a signed-in-with-password user typed, and which kind it is. */
    static final class Token extends AbstractAuthenticationToken {
        private final String username;
        private final String code;
        private final String factor;

        Token(String username, String code, String factor) {
            super(List.of());
            this.username = username;
            this.code = code;
            this.factor = factor;
        }

        @Override
        public Object getCredentials() {
            return code;
        }

        @Override
        public Object getPrincipal() {
            return username;
        }

        @Override
        public String getName() {
            return username;
        }

        String factor() {
            return factor;
        }
    }

    static final class Filter extends AbstractAuthenticationProcessingFilter {
        private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();

        Filter() {
            super(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, URL));
        }

        @Override
        public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response) throws AuthenticationException {
            Authentication current = SecurityContextHolder.getContext().getAuthentication();
            if (!Factors.has(current, Factors.PASSWORD)) {
                throw new InsufficientAuthenticationException("the password comes before the second factor");
            }
            String recovery = request.getParameter("recovery");
            boolean isRecovery = recovery != null && !recovery.isBlank();
            Token token = new Token(current.getName(), isRecovery ? recovery : request.getParameter("code"),
                    isRecovery ? Factors.RECOVERY_CODE : Factors.TOTP);
            token.setDetails(details.buildDetails(request));
            return getAuthenticationManager().authenticate(token);
        }

        /** A code that works clears the session's count of wrong ones (a later step-up starts afresh). */
        @Override
        protected void successfulAuthentication(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                                                Authentication authResult) throws IOException, ServletException {
            HttpSession session = request.getSession(false);
            if (session != null) session.removeAttribute(FAILURES);
            super.successfulAuthentication(request, response, chain, authResult);
        }

        /**
         * Each failure also counts towards the account lock (LoginAttempts hears the failure event);
         * after {@link #SESSION_FAILURES} in one session the session ends, so that guessing codes
         * needs the password again each time.
         */
        @Override
        protected void unsuccessfulAuthentication(HttpServletRequest request, HttpServletResponse response,
                                                  AuthenticationException failed) throws IOException, ServletException {
            HttpSession session = request.getSession(false);
            Integer before = session == null ? null : (Integer) session.getAttribute(FAILURES);
            int failures = (before == null ? 0 : before) + 1;
            if (session == null || failures < SESSION_FAILURES) {
                if (session != null) session.setAttribute(FAILURES, failures);
                super.unsuccessfulAuthentication(request, response, failed);
                return;
            }
            session.invalidate();
            SecurityContextHolder.clearContext();
            response.sendRedirect(request.getContextPath() + "/login?error");
        }
    }

    static final class Provider implements AuthenticationProvider {
        private final SecondFactors factors;
        private final UserAccounts accounts;

        Provider(SecondFactors factors, UserAccounts accounts) {
            this.factors = factors;
            this.accounts = accounts;
        }

        @Override
        public Authentication authenticate(Authentication authentication) throws AuthenticationException {
            Token t = (Token) authentication;
            String client = t.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : "";
            String code = (String) t.getCredentials();
            boolean recovery = t.factor().equals(Factors.RECOVERY_CODE);
            // A locked account is refused before its code is looked at (and spent), as at the password step.
            UserDetails user = accounts.loadUserByUsername(t.getName());
            if (!user.isEnabled()) throw new DisabledException("the account is disabled");
            if (!user.isAccountNonLocked()) throw new LockedException("the account is locked");
            boolean ok = recovery ? factors.useRecoveryCode(t.getName(), code, client) : factors.verifyTotp(t.getName(), code, client);
            if (!ok) throw new BadCredentialsException(recovery ? "unknown or already used recovery code" : "wrong or already used TOTP code");
            Collection<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
            authorities.add(FactorGrantedAuthority.fromAuthority(t.factor()));
            UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
            result.setDetails(t.getDetails());
            return result;
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return Token.class.isAssignableFrom(authentication);
        }
    }
}
