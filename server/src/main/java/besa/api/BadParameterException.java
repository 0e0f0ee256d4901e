package besa.api;

/** A request parameter the API cannot accept: which one, the value given, and why. */
public class BadParameterException extends RuntimeException {
    private final String parameter;
    private final String value;

    public BadParameterException(String parameter, String value, String why) {
        super(why);
        this.parameter = parameter;
        this.value = value;
    }

    public String parameter() {
        return parameter;
    }

    public String value() {
        return value;
    }
}
