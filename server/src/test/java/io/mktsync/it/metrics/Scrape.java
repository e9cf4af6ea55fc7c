package io.mktsync.it.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * One scrape of the server's Prometheus endpoint, as Prometheus reads it: each sample line
 * {@code name{labels} value}, kept by its series (name and labels as the endpoint writes them).
 */
record Scrape(Map<String, Double> samples, String text) {

    static final URI ENDPOINT = URI.create("http://127.0.0.1:9990/metrics");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Scrape now() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(ENDPOINT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + ENDPOINT + ": HTTP " + response.statusCode());
            }
            Map<String, Double> samples = new HashMap<>();
            for (String line : response.body().split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
            return new Scrape(samples, response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + ENDPOINT + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A series' value, 0 when the endpoint has no such series (a counter not counted yet). */
    double value(String series) {
        return samples.getOrDefault(series, 0.0);
    }

    /** How far a series moved from an earlier scrape. */
    double since(Scrape before, String series) {
        return value(series) - before.value(series);
    }

    /** Whether the endpoint declares this metric family with this Prometheus type. */
    boolean declares(String family, String type) {
        return text.contains("# TYPE " + family + " " + type + "\n");
    }
}
