package besa.access.web;

import besa.access.ApiTokens;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A user's own API tokens: issue (shown once, on the answer to the form) and revoke. */
@Controller
@RequestMapping("/account/tokens")
class TokensPage {
    private final ApiTokens tokens;

    TokensPage(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping
    String list(Authentication auth, Model model) {
        return page(auth, model);
    }

    @PostMapping
    String issue(@RequestParam String label, @RequestParam(defaultValue = "90") int days, Authentication auth,
                 HttpServletRequest request, Model model) {
        try {
            model.addAttribute("issued", tokens.issue(auth.getName(), request.getRemoteAddr(), auth.getName(), label, Duration.ofDays(days)));
        } catch (IllegalArgumentException e) {
            model.addAttribute("failure", e.getMessage());
        }
        return page(auth, model);
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable long id, Authentication auth, HttpServletRequest request, Model model) {
        if (tokens.revoke(auth.getName(), request.getRemoteAddr(), auth.getName(), id)) model.addAttribute("done", "tokens.revoked");
        return page(auth, model);
    }

    private String page(Authentication auth, Model model) {
        model.addAttribute("tokens", tokens.list(auth.getName()));
        return "tokens";
    }
}
