package dev.twasm.wasi;

/**
 * WASI's error codes ({@code $errno} in {@code typenames.witx} of wasi_snapshot_preview1), in
 * declaration order: a constant's ordinal is its code, which is what functions return (0 is
 * success). wasi-libc uses the same numbers for C's {@code errno}.
 */
public enum Errno {
    SUCCESS, TOOBIG, ACCES, ADDRINUSE, ADDRNOTAVAIL, AFNOSUPPORT, AGAIN, ALREADY, BADF, BADMSG, BUSY, CANCELED, CHILD,
    CONNABORTED, CONNREFUSED, CONNRESET, DEADLK, DESTADDRREQ, DOM, DQUOT, EXIST, FAULT, FBIG, HOSTUNREACH, IDRM, ILSEQ,
    INPROGRESS, INTR, INVAL, IO, ISCONN, ISDIR, LOOP, MFILE, MLINK, MSGSIZE, MULTIHOP, NAMETOOLONG, NETDOWN, NETRESET,
    NETUNREACH, NFILE, NOBUFS, NODEV, NOENT, NOEXEC, NOLCK, NOLINK, NOMEM, NOMSG, NOPROTOOPT, NOSPC, NOSYS, NOTCONN, NOTDIR,
    NOTEMPTY, NOTRECOVERABLE, NOTSOCK, NOTSUP, NOTTY, NXIO, OVERFLOW, OWNERDEAD, PERM, PIPE, PROTO, PROTONOSUPPORT,
    PROTOTYPE, RANGE, ROFS, SPIPE, SRCH, STALE, TIMEDOUT, TXTBSY, XDEV, NOTCAPABLE;

    /** The number WASI functions return for this error. */
    public int code() {
        return ordinal();
    }

    /** An exception that makes the running WASI function return this error. */
    public ErrnoException error() {
        return new ErrnoException(this);
    }
}
