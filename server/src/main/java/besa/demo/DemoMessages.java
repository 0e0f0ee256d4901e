package besa.demo;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The demo's console messages in the user's language, for code that runs before (or outside) the
 * application's MessageSource: the command line and the --fresh step.
 */
public final class DemoMessages {
    private DemoMessages() {}

    public static String get(String code, Object... args) {
        Locale locale = Locale.getDefault();
        ResourceBundle bundle = ResourceBundle.getBundle("i18n/demo", locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new MessageFormat(bundle.getString(code), locale).format(args);
    }
}
