package org.mailtrace.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DomainsTest {

    @Test
    void aScopeDomainCoversItselfAndItsSubdomainsOnly() {
        assertThat(Domains.covers("example.org", "example.org")).isTrue();
        assertThat(Domains.covers("example.org", "mx.eu.example.org")).isTrue();
        assertThat(Domains.covers("example.org", "badexample.org")).isFalse();
        assertThat(Domains.covers("example.org", "org")).isFalse();
        assertThat(Domains.covers("example.org", "example.org.")).as("a trailing dot is another name").isFalse();
    }

    @Test
    void nothingCoversOrIsCoveredByAMissingDomain() {
        assertThat(Domains.covers("", "example.org")).isFalse();
        assertThat(Domains.covers(null, "example.org")).isFalse();
        assertThat(Domains.covers("example.org", null)).isFalse();
        assertThat(Domains.covers("example.org", MailAddress.domainOf("example.org"))).as("a bare word is no domain").isFalse();
    }

    @Test
    void scopeDomainsAreNormalisedAsPeopleWriteThem() {
        assertThat(Domains.normalize("@.Example.ORG ")).isEqualTo("example.org");
        assertThat(Domains.normalize(null)).isEmpty();
        assertThat(Domains.scopeTerms(Set.of("B.org", "@a.org", "b.org"))).containsExactly("a.org", "b.org");
    }

    @Test
    void suffixesWalkUpToTheTopLevel() {
        assertThat(Domains.suffixes("a.b.org")).containsExactly("a.b.org", "b.org", "org");
        assertThat(Domains.suffixes("example.org.")).containsExactly("example.org.", "org.");
        assertThat(Domains.suffixes("")).isEmpty();
        assertThat(Domains.suffixes(null)).isEmpty();
    }

    /** What the stores index and search for must say exactly what the server checks. */
    @Property(tries = 3000)
    void theIndexedSuffixesAgreeWithCovers(@ForAll("domains") String scope, @ForAll("domains") String domain) {
        List<String> terms = Domains.scopeTerms(List.of(scope));
        boolean found = Domains.suffixes(domain).stream().anyMatch(terms::contains);
        assertThat(found).as(scope + " / " + domain).isEqualTo(Domains.covers(Domains.normalize(scope), domain));
    }

    @Provide
    Arbitrary<String> domains() {
        return Arbitraries.strings().withChars("ab.@-").ofMinLength(0).ofMaxLength(8);
    }
}
