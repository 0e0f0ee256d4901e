package besa.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The second-factor pages: the sign-in step after the password, first enrolment (TOTP or a
 * passkey, then recovery codes shown once) and the Security page. Which page a session may reach
 * is decided in {@link SecurityConfig}; these handlers only check what the rules cannot see.
 */
@Controller
class SecondFactorPages {
    static final String ISSUER = "Besa";
    private static final String PENDING = SecondFactorPages.class.getName() + ".pendingTotp";

    private final SecondFactors factors;
    private final UserCredentialRepository passkeys;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SecondFactorPages(SecondFactors factors, UserCredentialRepository passkeys) {
        this.factors = factors;
        this.passkeys = passkeys;
    }

    @GetMapping(SecondFactorLogin.URL)
    String secondFactor(Authentication auth, Model model) {
        if (!factors.enrolled(auth.getName())) return "redirect:/mfa/enrol";
        model.addAttribute("hasTotp", factors.hasTotp(auth.getName()));
        model.addAttribute("hasPasskey", !factors.passkeys(auth.getName()).isEmpty());
        return "mfa/second-factor";
    }

    /** First enrolment, right after the first password sign-in of an account without a second factor. */
    @GetMapping("/mfa/enrol")
    String enrol(Authentication auth, HttpSession session, Model model) {
        return totpForm(auth, pendingSecret(session, false), "/mfa/enrol/totp", true, model);
    }

    @PostMapping("/mfa/enrol/totp")
    String confirmEnrolment(@RequestParam(defaultValue = "") String code, Authentication auth, HttpSession session, Model model,
                            HttpServletRequest request, HttpServletResponse response) {
        if (!confirm(auth, session, code, request)) {
            model.addAttribute("codeError", true);
            return totpForm(auth, pendingSecret(session, false), "/mfa/enrol/totp", true, model);
        }
        // The code just typed proves the second factor for this session as well.
        addFactor(auth, Factors.TOTP, request, response);
        return "redirect:/mfa/enrolled";
    }

    /** After the first enrolment (TOTP or passkey): the recovery codes, once. */
    @GetMapping("/mfa/enrolled")
    String enrolled(Authentication auth, Model model, HttpServletRequest request) {
        if (factors.recoveryCodesIssued(auth.getName())) return "redirect:/";
        model.addAttribute("codes", factors.issueRecoveryCodes(auth.getName(), request.getRemoteAddr()));
        model.addAttribute("continueTo", "/");
        return "mfa/recovery-codes";
    }

    @GetMapping("/security")
    String security(Authentication auth, Model model) {
        model.addAttribute("hasTotp", factors.hasTotp(auth.getName()));
        model.addAttribute("passkeys", factors.passkeys(auth.getName()));
        model.addAttribute("unusedCodes", factors.unusedRecoveryCodes(auth.getName()));
        return "mfa/security";
    }

    /** Re-enrolment of TOTP (a new phone): reachable only with both factors in this session. */
    @GetMapping("/security/totp")
    String newTotp(Authentication auth, HttpSession session, Model model) {
        return totpForm(auth, pendingSecret(session, true), "/security/totp", false, model);
    }

    @PostMapping("/security/totp")
    String confirmNewTotp(@RequestParam(defaultValue = "") String code, Authentication auth, HttpSession session, Model model,
                          HttpServletRequest request, RedirectAttributes redirect) {
        if (!confirm(auth, session, code, request)) {
            model.addAttribute("codeError", true);
            return totpForm(auth, pendingSecret(session, false), "/security/totp", false, model);
        }
        redirect.addFlashAttribute("totpChanged", true);
        return "redirect:/security";
    }

    @PostMapping("/security/recovery-codes")
    String newRecoveryCodes(Authentication auth, Model model, HttpServletRequest request) {
        model.addAttribute("codes", factors.issueRecoveryCodes(auth.getName(), request.getRemoteAddr()));
        model.addAttribute("continueTo", "/security");
        return "mfa/recovery-codes";
    }

    /** Removes one of the user's own passkeys, unless it is the account's last second factor. */
    @PostMapping("/security/passkeys/remove")
    String removePasskey(@RequestParam String id, Authentication auth, RedirectAttributes redirect) {
        List<SecondFactors.Passkey> own = factors.passkeys(auth.getName());
        if (own.stream().noneMatch(p -> p.id().equals(id))) {
            redirect.addFlashAttribute("passkeyUnknown", true);
        } else if (own.size() == 1 && !factors.hasTotp(auth.getName())) {
            redirect.addFlashAttribute("lastFactor", true);
        } else {
            passkeys.delete(Bytes.fromBase64(id)); // audited by the credential store
            redirect.addFlashAttribute("passkeyRemoved", true);
        }
        return "redirect:/security";
    }

    private String totpForm(Authentication auth, byte[] secret, String action, boolean firstEnrolment, Model model) {
        String uri = Totp.otpauthUri(ISSUER, auth.getName(), secret);
        model.addAttribute("secret", Base32.encode(secret).replaceAll("(.{4})(?!$)", "$1 "));
        model.addAttribute("otpauthUri", uri);
        model.addAttribute("qrSvg", QrCodes.svg(uri));
        model.addAttribute("action", action);
        model.addAttribute("firstEnrolment", firstEnrolment);
        return "mfa/enrol";
    }

    /** Checks the code against the secret shown, and stores the secret if it matches. */
    private boolean confirm(Authentication auth, HttpSession session, String code, HttpServletRequest request) {
        byte[] secret = pendingSecret(session, false);
        long step = Totp.matchingStep(secret, code, factors.clock().instant());
        if (step < 0) return false;
        factors.enrolTotp(auth.getName(), secret, step, request.getRemoteAddr());
        session.removeAttribute(PENDING);
        return true;
    }

    /** The secret being enrolled lives in the session until confirmed, so a reload shows the same one. */
    private static byte[] pendingSecret(HttpSession session, boolean fresh) {
        byte[] secret = (byte[]) session.getAttribute(PENDING);
        if (secret == null || fresh) {
            secret = Totp.newSecret();
            session.setAttribute(PENDING, secret);
        }
        return secret;
    }

    private void addFactor(Authentication auth, String factor, HttpServletRequest request, HttpServletResponse response) {
        Authentication upgraded = auth.toBuilder()
                .authorities(a -> a.add(FactorGrantedAuthority.fromAuthority(factor)))
                .build();
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(upgraded);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
