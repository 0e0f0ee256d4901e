package besa.vetting.web;

import besa.vetting.casefile.AssignabilityQuestions;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/assignability/{officerId}}: yes or no, for operations commanders, training
 * coordinators and the vetting unit (SecurityConfig), audited; nothing about why.
 */
@RestController
class CaseAssignabilityApi {
    private final AssignabilityQuestions questions;

    CaseAssignabilityApi(AssignabilityQuestions questions) {
        this.questions = questions;
    }

    record Answer(String officerId, boolean assignable) {}

    @GetMapping("/api/assignability/{officerId}")
    Answer ask(@PathVariable String officerId, Authentication who, HttpServletRequest http) {
        return new Answer(officerId.strip(), questions.ask(officerId, who.getName(), http.getRemoteAddr()));
    }
}
