package dev.duplex.endpoint.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServerHandshakeRequestTest {

    private static UpgradeRequest.Builder get(String uri) {
        return UpgradeRequest.builder("GET", URI.create(uri));
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        ServerHandshakeRequest request = new ServerHandshakeRequest(
                get("ws://h/x").header("caseInsensitiveKey", "v1").header("CASEINSENSITIVEKEY", "v2").build(),
                Map.of());
        Map<String, List<String>> headers = request.getHeaders();
        assertTrue(headers.containsKey("caseInsensitiveKey"));
        assertTrue(headers.containsKey("caseinsensitivekey"));
        assertTrue(headers.containsKey("CASEINSENSITIVEKEY"));
        assertEquals(List.of("v1", "v2"), headers.get("CaseInsensitiveKey"));
    }

    @Test
    void headersAreReadOnly() {
        ServerHandshakeRequest request = new ServerHandshakeRequest(get("ws://h/x").header("a", "1").build(), Map.of());
        assertThrows(UnsupportedOperationException.class, () -> request.getHeaders().put("b", List.of("2")));
        assertThrows(UnsupportedOperationException.class, () -> request.getHeaders().get("a").add("3"));
    }

    @Test
    void parameterMapHoldsPathThenQueryParameters() {
        ServerHandshakeRequest request = new ServerHandshakeRequest(
                get("ws://h/getoneparam/firstParam?second=secondParam&second=firstParam").build(),
                Map.of("first", "firstParam"));
        Map<String, List<String>> parameters = request.getParameterMap();
        assertEquals(List.of("firstParam"), parameters.get("first"));
        assertEquals(List.of("secondParam", "firstParam"), parameters.get("second"));
        assertEquals(List.of("first", "second"), List.copyOf(parameters.keySet()));
    }

    @Test
    void nameInPathAndQueryHasThePathValueFirst() {
        ServerHandshakeRequest request = new ServerHandshakeRequest(get("ws://h/p/1?id=2").build(), Map.of("id", "1"));
        assertEquals(List.of("1", "2"), request.getParameterMap().get("id"));
    }

    @Test
    void parameterMapIsReadOnly() {
        ServerHandshakeRequest request = new ServerHandshakeRequest(get("ws://h/x?a=1").build(), Map.of());
        assertThrows(UnsupportedOperationException.class, () -> request.getParameterMap().put("k", List.of("v")));
    }

    @Test
    void queryParametersAreFormDecoded() {
        ServerHandshakeRequest request = new ServerHandshakeRequest(
                get("ws://h/x").queryString("a=b+c&d=%C3%A9&flag&bad=%zz").build(), Map.of());
        Map<String, List<String>> parameters = request.getParameterMap();
        assertEquals(List.of("b c"), parameters.get("a"));
        assertEquals(List.of("é"), parameters.get("d"));
        assertEquals(List.of(""), parameters.get("flag"));
        assertFalse(parameters.containsKey("bad"));
    }

    @Test
    void transportParametersReplaceQueryParsing() {
        ServerHandshakeRequest request = new ServerHandshakeRequest(
                get("ws://h/x?a=1").parameters(Map.of("a", List.of("from-servlet"))).build(), Map.of());
        assertEquals(List.of("from-servlet"), request.getParameterMap().get("a"));
    }

    @Test
    void queryStringAndUriAreAsSent() {
        ServerHandshakeRequest request = new ServerHandshakeRequest(
                get("ws://h:8080/ctx/getquerystring?abc=123&def=456").path("/getquerystring").build(), Map.of());
        assertEquals("abc=123&def=456", request.getQueryString());
        assertEquals(URI.create("ws://h:8080/ctx/getquerystring?abc=123&def=456"), request.getRequestURI());
        assertEquals("/getquerystring", request.upgradeRequest().path());
    }

    @Test
    void noQueryGivesNullQueryString() {
        assertNull(new ServerHandshakeRequest(get("ws://h/x").build(), Map.of()).getQueryString());
    }

    @Test
    void unauthenticatedRequestHasNoPrincipalAndNoRole() {
        ServerHandshakeRequest request = new ServerHandshakeRequest(
                get("ws://h/x").roleCheck(role -> true).build(), Map.of());
        assertNull(request.getUserPrincipal());
        assertFalse(request.isUserInRole("DIRECTOR"));
    }

    @Test
    void authenticatedRequestAsksTheTransportForRoles() {
        Principal alice = () -> "alice";
        ServerHandshakeRequest request = new ServerHandshakeRequest(
                get("ws://h/x").userPrincipal(alice).roleCheck("admin"::equals).build(), Map.of());
        assertSame(alice, request.getUserPrincipal());
        assertTrue(request.isUserInRole("admin"));
        assertFalse(request.isUserInRole("guest"));
    }

    @Test
    void httpSessionIsFetchedOnlyWhenAskedFor() {
        AtomicInteger calls = new AtomicInteger();
        Object session = new Object();
        ServerHandshakeRequest request = new ServerHandshakeRequest(get("ws://h/x").httpSession(() -> {
            calls.incrementAndGet();
            return session;
        }).build(), Map.of());
        assertEquals(0, calls.get());
        assertSame(session, request.getHttpSession());
        assertEquals(1, calls.get());
    }

    @Test
    void secureIsJudgedFromTheScheme() {
        assertTrue(get("wss://h/x").build().isSecure());
        assertTrue(get("https://h/x").build().isSecure());
        assertFalse(get("ws://h/x").build().isSecure());
    }
}
