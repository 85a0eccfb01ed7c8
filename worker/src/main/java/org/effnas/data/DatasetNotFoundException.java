package org.effnas.data;

import org.effnas.InvalidInputException;

/**
 * The files of a dataset are not where they were looked for. The message says where effnas looked
 * and exactly what to do (install a package or pass {@code --data DIR} holding the named files).
 */
public class DatasetNotFoundException extends InvalidInputException {

    public DatasetNotFoundException(String message) {
        super(message);
    }
}
