package org.mailtrace.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.junit.jupiter.api.Test;

class AddressPatternsTest {

    @Test
    void commonSearchesBecomeCheapQueries() {
        assertThat(AddressPatterns.query("*@Example.org", "sender", "senderDomain"))
                .isEqualTo(new TermQuery(new org.apache.lucene.index.Term("senderDomain", "example.org")));
        assertThat(AddressPatterns.query("<Alice@Example.org>", "sender", "senderDomain"))
                .isEqualTo(new TermQuery(new org.apache.lucene.index.Term("sender", "alice@example.org")));
        assertThat(AddressPatterns.query("alice@*", "sender", "senderDomain")).isInstanceOf(PrefixQuery.class);
        assertThat(AddressPatterns.query("*bob*", "sender", "senderDomain")).isInstanceOf(WildcardQuery.class);
    }

    @Test
    void userTextCannotInjectLuceneWildcards() {
        assertThat(AddressPatterns.toWildcard("a?b\\c*")).isEqualTo("a\\?b\\\\c*");
        assertThat(AddressPatterns.escapeAll("*?")).isEqualTo("\\*\\?");
    }
}
