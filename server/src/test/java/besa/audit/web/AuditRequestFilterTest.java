package besa.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which requests become which audit events: every way personal data is read, brought in or handed out. */
class AuditRequestFilterTest {
    static AuditEvent event(String method, String path, String query) {
        MockHttpServletRequest r = new MockHttpServletRequest(method, path);
        if (query != null) {
            r.setQueryString(query);
            for (String kv : query.split("&")) r.addParameter(kv.split("=")[0], kv.split("=")[1]);
        }
        return AuditRequestFilter.eventFor(r, "ana");
    }

    @Test
    void readsOfEntitiesAndListsAreConsultations() {
        assertThat(event("GET", "/entities/p-1", null).action()).isEqualTo(AuditAction.CONSULTATION);
        assertThat(event("GET", "/entities/p-1", null).target()).isEqualTo("p-1");
        assertThat(event("GET", "/api/entities", "type=Person&page=3").target()).isEqualTo("/api/entities?type=Person&page=3");
        assertThat(event("GET", "/search", "q=Hoxha").target()).isEqualTo("Hoxha");
    }

    @Test
    void uploadsFromPageOrApiAreCollectionsAndRejectsAreDisclosures() {
        assertThat(event("POST", "/import", null).action()).isEqualTo(AuditAction.COLLECTION);
        assertThat(event("POST", "/api/imports", null).action()).isEqualTo(AuditAction.COLLECTION);
        assertThat(event("GET", "/import/42/rejects", null).action()).isEqualTo(AuditAction.DISCLOSURE);
        assertThat(event("GET", "/api/imports/42/rejects", null).action()).isEqualTo(AuditAction.DISCLOSURE);
        assertThat(event("GET", "/api/exports/ftm", "source=tnp").target()).isEqualTo("/api/exports/ftm?source=tnp");
    }

    @Test
    void pagesWithoutPersonalDataAreNotAudited() {
        assertThat(event("GET", "/", null)).isNull();
        assertThat(event("GET", "/import", null)).isNull();
        assertThat(event("GET", "/css/besa.css", null)).isNull();
    }
}
