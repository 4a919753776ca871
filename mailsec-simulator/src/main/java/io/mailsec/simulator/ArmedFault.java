package io.mailsec.simulator;

/**
 * A fault waiting to fire.
 *
 * @param remaining how many more times it fires; -1 means until cleared
 * @param pathPrefix only requests whose path starts with it are affected; {@code null} means all
 */
public record ArmedFault(FaultType type, int remaining, String pathPrefix) {}
