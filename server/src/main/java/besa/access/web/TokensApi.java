package besa.access.web;

import besa.access.ApiTokens;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's own tokens over the API: list and revoke. Issuing is on the "API tokens" page only, after
 * a full login, so a token cannot mint further tokens.
 */
@RestController
@RequestMapping("/api/tokens")
class TokensApi {
    private final ApiTokens tokens;

    TokensApi(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping
    List<ApiTokens.TokenInfo> mine(Authentication auth) {
        return tokens.list(auth.getName());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable long id, Authentication auth, HttpServletRequest request) {
        if (!tokens.revoke(auth.getName(), request.getRemoteAddr(), auth.getName(), id)) {
            throw new NoSuchElementException("you have no usable token #" + id);
        }
        return ResponseEntity.noContent().build();
    }
}
