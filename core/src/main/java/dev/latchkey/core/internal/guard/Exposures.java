package dev.latchkey.core.internal.guard;

import dev.latchkey.core.brokerapi.BearerToken;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.guard.Finding;
import dev.latchkey.core.guard.ScanReport;
import dev.latchkey.core.internal.brokerapi.BrokerClients;
import dev.latchkey.core.internal.brokerapi.Exposure;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** Sends counts by reference to the brokers the found values came from: never a value, never file content. */
public final class Exposures {

    /** A hook waits this long for a broker at most; a late report is dropped, not the commit held. */
    static final long BOUND_SECONDS = 5;

    private Exposures() {
    }

    public static List<String> report(ScanReport report, String source, Function<URI, BearerToken> tokens) {
        Map<String, Map<String, int[]>> byBroker = new LinkedHashMap<>();
        for (Finding f : report.findings()) {
            boolean hook = source.startsWith("pre-");
            if (f.kind() == Finding.Kind.KNOWN_VALUE && f.isReference() && f.broker().isPresent()
                    && (hook || f.published())) {
                int[] counts = byBroker.computeIfAbsent(f.broker().get(), b -> new LinkedHashMap<>())
                        .computeIfAbsent(f.name(), n -> new int[2]);
                counts[f.published() ? 1 : 0]++;
            }
        }
        List<String> lines = new ArrayList<>();
        byBroker.forEach((broker, refs) -> {
            List<Exposure> exposures = new ArrayList<>();
            refs.forEach((ref, c) -> {
                SecretRef r = SecretRef.parse(ref);
                if (c[0] > 0) {
                    exposures.add(new Exposure(r, Exposure.Kind.PREVENTED, c[0]));
                }
                if (c[1] > 0) {
                    exposures.add(new Exposure(r, Exposure.Kind.EXPOSED, c[1]));
                }
            });
            lines.add(send(URI.create(broker), source, exposures, tokens));
        });
        return lines;
    }

    private static String send(URI broker, String source, List<Exposure> exposures, Function<URI, BearerToken> tokens) {
        CompletableFuture<List<String>> call = CompletableFuture.supplyAsync(() -> {
            try {
                return BrokerClients.reportExposures(BrokerClients.create(broker, tokens.apply(broker)), source, exposures);
            } catch (BrokerException e) {
                throw new CompletionException(e);
            }
        });
        try {
            List<String> hints = call.get(BOUND_SECONDS, TimeUnit.SECONDS);
            return "reported to " + broker + (hints.isEmpty() ? "" : ": " + String.join("; ", hints));
        } catch (ExecutionException e) {
            return "could not report to " + broker + ": " + e.getCause().getMessage();
        } catch (TimeoutException e) {
            call.cancel(true);
            return "could not report to " + broker + ": no answer within " + BOUND_SECONDS + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "could not report to " + broker + ": interrupted";
        } catch (RuntimeException e) {
            return "could not report to " + broker + ": " + e.getMessage();
        }
    }
}
