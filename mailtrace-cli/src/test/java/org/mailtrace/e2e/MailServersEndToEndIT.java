package org.mailtrace.e2e;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * The real-MTA suites, one after another in one JVM. They create the same local accounts
 * ({@link LocalUsers}) and remove those they created, so two of them at once (the ITs run in two
 * forks) could take an account from under the other. Failsafe leaves their own classes out and runs
 * this suite instead; {@code -Dit.test=PostfixEndToEndIT} still runs one of them alone.
 */
@Suite(failIfNoTests = false)
@SelectClasses({PostfixEndToEndIT.class, EximEndToEndIT.class, EximDefaultSelectorEndToEndIT.class})
class MailServersEndToEndIT {
}
