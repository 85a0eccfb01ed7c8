package org.effnas;


/**
 * A plan setting with a value that cannot run. The message names the setting neutrally
 * ({@code population}, {@code grid seeds}); the command line or the config loader, which know
 * whether it came from a flag or a YAML key, say which (see {@link #setting()}).
 */
public final class InvalidSettingException extends InvalidInputException {

    private final String setting;
    private final String problem;

    public InvalidSettingException(String setting, String problem) {
        super(setting + ": " + problem);
        this.setting = setting;
        this.problem = problem;
    }

    /** The neutral name of the setting, e.g. {@code population}. */
    public String setting() {
        return setting;
    }

    /** What is wrong with it, without the setting's name. */
    public String problem() {
        return problem;
    }
}
