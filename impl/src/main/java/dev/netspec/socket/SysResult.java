package dev.netspec.socket;

/** The result of a sockets call: a value or a POSIX error number. Never thrown. */
public sealed interface SysResult<T> permits SysResult.Ok, SysResult.Err {

  record Ok<T>(T value) implements SysResult<T> {}

  record Err<T>(Errno errno) implements SysResult<T> {}

  static <T> SysResult<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> SysResult<T> err(Errno errno) {
    return new Err<>(errno);
  }

  default boolean isOk() {
    return this instanceof Ok;
  }

  /** The error, or null on success. */
  default Errno errno() {
    return this instanceof Err<T> e ? e.errno() : null;
  }

  /**
   * The value; for tests and callers that already checked.
   *
   * @throws IllegalStateException naming the errno if this is an error
   */
  default T orThrow() {
    return switch (this) {
      case Ok<T> ok -> ok.value();
      case Err<T> e -> throw new IllegalStateException(e.errno() + ": " + e.errno().description());
    };
  }
}
