package org.airgap.driver.api;

/**
 * A parameter that cannot be used.
 *
 * @param parameter the parameter's name
 * @param message   what is wrong and what would do, e.g. "port: must be a number from 1 to 65535, not 'http'"
 */
public record ParameterProblem(String parameter, String message) {
}
