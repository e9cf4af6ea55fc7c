package io.mktsync.request;

import java.util.List;
import java.util.stream.Collectors;

/** A request that cannot be sent to Marketo as it is; it is answered with its problems and parked. */
public class RequestRejectedException extends Exception {

    private final List<Problem> problems;

    public RequestRejectedException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public RequestRejectedException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }
}
