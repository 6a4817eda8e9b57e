package dev.twasm.wasi.fs;

import com.oracle.truffle.api.TruffleFile;
import dev.twasm.wasi.Abi;
import dev.twasm.wasi.ErrnoException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * An open directory: a preopened one (a directory the embedder granted, with the name the guest
 * sees) or one the guest opened below it. Either way it is a capability for its own subtree only:
 * paths given with it are resolved by {@link PathResolver} and cannot leave {@link #directory()}.
 *
 * <p>{@code fd_readdir} reads a listing taken when the guest starts over (cookie 0), so that
 * cookies stay meaningful while the guest changes the directory between calls. The listing starts
 * with {@code .} and {@code ..}, as POSIX's does, then the entries sorted by name.
 */
public final class DirectoryDescriptor extends Descriptor {
    private final TruffleFile directory;
    private final String preopenName;
    private final String separator;
    private List<DirEntry> listing;

    /** One directory entry as {@code fd_readdir} reports it. */
    public record DirEntry(byte[] name, long inode, int fileType) {
    }

    public DirectoryDescriptor(TruffleFile directory, String preopenName, String separator, long rightsBase, long rightsInheriting) {
        super(rightsBase, rightsInheriting, 0);
        this.directory = directory;
        this.preopenName = preopenName;
        this.separator = separator;
    }

    @Override
    public int fileType() {
        return Abi.FILETYPE_DIRECTORY;
    }

    /** The host directory. */
    public TruffleFile directory() {
        return directory;
    }

    /** The name the guest sees for a preopened directory, else null. */
    public String preopenName() {
        return preopenName;
    }

    /** Resolves a guest path under this directory (see {@link PathResolver}). */
    public ResolvedPath resolve(String path, boolean followFinal) throws ErrnoException, IOException {
        return PathResolver.resolve(directory, path, followFinal, separator);
    }

    /** A descriptor for a directory resolved under this one. */
    public DirectoryDescriptor open(ResolvedPath path, long rightsBase, long rightsInheriting) {
        return new DirectoryDescriptor(path.file(), null, separator, rightsBase, rightsInheriting);
    }

    @Override
    public FileStat stat() throws IOException {
        return FileStat.of(directory);
    }

    /** The entries from position {@code cookie} on. */
    public List<DirEntry> entries(long cookie) throws IOException {
        if (cookie == 0 || listing == null) {
            listing = list();
        }
        if (cookie < 0 || cookie >= listing.size()) {
            return List.of();
        }
        return listing.subList((int) cookie, listing.size());
    }

    private List<DirEntry> list() throws IOException {
        Collection<TruffleFile> children = directory.list();
        List<DirEntry> entries = new ArrayList<>(children.size() + 2);
        long self = FileStat.of(directory).ino();
        entries.add(new DirEntry(".".getBytes(StandardCharsets.UTF_8), self, Abi.FILETYPE_DIRECTORY));
        long parent = preopenName != null || directory.getParent() == null ? self : inode(directory.getParent());
        entries.add(new DirEntry("..".getBytes(StandardCharsets.UTF_8), parent, Abi.FILETYPE_DIRECTORY));
        List<DirEntry> named = new ArrayList<>();
        for (TruffleFile child : children) {
            byte[] name = child.getName().getBytes(StandardCharsets.UTF_8);
            try {
                FileStat stat = FileStat.of(child);
                named.add(new DirEntry(name, stat.ino(), stat.fileType()));
            } catch (IOException e) {
                // removed since listed
            }
        }
        named.sort((a, b) -> Arrays.compareUnsigned(a.name(), b.name()));
        entries.addAll(named);
        return entries;
    }

    private static long inode(TruffleFile file) {
        try {
            return FileStat.of(file).ino();
        } catch (IOException e) {
            return 0;
        }
    }
}
