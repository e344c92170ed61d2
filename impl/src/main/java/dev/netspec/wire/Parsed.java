package dev.netspec.wire;

/**
 * The result of parsing untrusted bytes: either the value or the named reason it was rejected.
 * Parsers return this instead of throwing, so that a bad frame becomes a counted drop.
 */
public sealed interface Parsed<T> permits Parsed.Ok, Parsed.Rejected {

  /** The bytes were valid. */
  record Ok<T>(T value) implements Parsed<T> {}

  /** The bytes broke the rule that {@code reason} names. */
  record Rejected<T>(Rejection reason) implements Parsed<T> {}

  static <T> Parsed<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Parsed<T> rejected(Rejection reason) {
    return new Rejected<>(reason);
  }

  /** Whether this is {@link Ok}. */
  default boolean isOk() {
    return this instanceof Ok;
  }

  /**
   * The value; for code that has already checked {@link #isOk()} (tests, mostly).
   *
   * @throws IllegalStateException if this is a rejection
   */
  default T orThrow() {
    return switch (this) {
      case Ok<T> ok -> ok.value();
      case Rejected<T> r -> throw new IllegalStateException("rejected: " + r.reason());
    };
  }
}
