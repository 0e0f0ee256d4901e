package besa.web;

import besa.access.AccessPolicy;
import besa.access.ReadScope;
import besa.intel.model.EntityType;
import besa.intel.store.EntityView;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriUtils;

/** The entity page and the data for its network chart. */
@Controller
class EntityPageController {
    private final IntelStore store;
    private final MessageSource messages;
    private final AccessPolicy policy;

    EntityPageController(IntelStore store, MessageSource messages, AccessPolicy policy) {
        this.store = store;
        this.messages = messages;
        this.policy = policy;
    }

    @GetMapping("/entities/{id}")
    ModelAndView entity(@PathVariable String id, HttpServletRequest request) {
        Map<String, String> captions = new HashMap<>();
        Optional<EntityView> found = policy.readEntity(id, scope -> {
            Optional<EntityView> v = store.find(id, scope);
            v.ifPresent(view -> visibleReferences(view, scope).forEach((ref, c) -> captions.put(ref, c.isBlank() ? ref : c)));
            return v;
        });
        // One answer for "no such id" and "not yours to see": the page must not confirm existence.
        if (found.isEmpty()) return new ModelAndView("error/404", HttpStatus.NOT_FOUND);
        EntityView view = found.get();
        if (view.type() == EntityType.Person && !policy.justified()) {
            return new ModelAndView(PurposeController.redirect(request));
        }
        Map<String, Source> sources = new HashMap<>();
        view.statements().forEach(s -> sources.computeIfAbsent(s.provenance().sourceId(),
                sid -> store.source(sid).orElse(new Source(sid, sid, "", ""))));
        ModelAndView mv = new ModelAndView("entity");
        mv.addObject("page", EntityPage.of(view, captions));
        mv.addObject("sources", sources);
        mv.addObject("today", LocalDate.now());
        mv.addObject("graphCap", GraphData.MAX_EDGES);
        return mv;
    }

    @GetMapping(path = "/entities/{id}/graph.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    GraphData graph(@PathVariable String id, Locale locale, HttpServletRequest request) {
        EntityView view = policy.readEntity(id, scope -> store.find(id, scope)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        // Any person in the network (not only at its centre) needs the purpose.
        boolean persons = view.type() == EntityType.Person || view.edges().stream().anyMatch(e -> e.otherType() == EntityType.Person);
        if (persons && !policy.justified()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a person's network needs a purpose (/purpose)");
        }
        return GraphData.of(view,
                type -> message("entity.type." + type.name(), type.name(), locale),
                type -> message("entity.type." + type, type, locale),
                other -> request.getContextPath() + "/entities/" + UriUtils.encodePathSegment(other, StandardCharsets.UTF_8));
    }

    /** Entities the page's relation values point to, only those the user may read, with the captions he may see. */
    private Map<String, String> visibleReferences(EntityView view, ReadScope scope) {
        Map<String, String> captions = new HashMap<>();
        for (String ref : EntityPage.references(view)) { // a relation's two ends
            store.find(ref, scope).ifPresent(v -> captions.put(ref, v.caption()));
        }
        return captions;
    }

    private String message(String key, String fallback, Locale locale) {
        return messages.getMessage(key, null, fallback, locale);
    }
}
