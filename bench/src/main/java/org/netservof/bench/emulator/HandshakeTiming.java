package org.netservof.bench.emulator;

/**
 * How long one new connection took, in milliseconds from the start of its TCP connect; NaN for a step it
 * never reached.
 *
 * @param featuresMs to the controller's FEATURES_REQUEST: it answered HELLO and took the switch up
 * @param firstAnswerMs to the first of the switch's PacketIns the controller answered: in service. The
 *     switch sends PacketIns from the moment it answered FEATURES, as cbench's switches do, one more every
 *     {@link EmulatedSwitch#EAGER_RETRY_NANOS} until one is answered.
 */
public record HandshakeTiming(double featuresMs, double firstAnswerMs) {}
