package dev.latchkey.core.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.core.auth.IdpProtocolException;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A malformed IdP answer names the URL and the field at fault, never the value it carried. */
class IdpJsonTest {

    private static final URI URL = URI.create("https://idp.example.com/token");
    private static final String SECRET = "AT-SECRET-1f9e";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"token_type\":\"Bearer\"}                                  |'access_token' is missing",
            "{\"access_token\":null}                                      |'access_token' is missing",
            "{\"access_token\":7}                                         |'access_token' is not text",
            "{\"access_token\":[\"AT-SECRET-1f9e\"]}                      |'access_token' is not text",
            "{\"access_token\":\"   \"}                                   |'access_token' is empty",
            "{\"access_token\":\"AT-SECRET-1f9e\",\"expires_in\":\"AT-SECRET-1f9e\"}|'expires_in' is not a whole number",
            "{\"access_token\":\"AT-SECRET-1f9e\",\"expires_in\":1.5}     |'expires_in' is not a whole number",
            "{\"access_token\":\"AT-SECRET-1f9e\",\"refresh_token\":{}}   |'refresh_token' is not text"})
    void aMalformedTokenAnswerNamesTheUrlAndTheField(String json, String fault) throws Exception {
        IdpProtocolException e = catchThrowableOfType(IdpProtocolException.class, () -> IdpJson.read(
                new ObjectMapper().readTree(json.strip()), TokenEndpoint.TokenAnswer.class, "the IdP's token endpoint", URL));
        assertThat(e).as(json).isNotNull();
        assertThat(e.getMessage()).startsWith("the IdP's token endpoint at " + URL + " sent an answer ")
                .contains(fault).contains(IdpJson.ADVICE).doesNotContain(SECRET);
        assertThat(e.getCause()).isNull();
    }
}
