package dev.lethe.cleaners.filesystem;

import dev.lethe.cleaners.CleanCommand;
import dev.lethe.cleaners.Cleaner;
import dev.lethe.core.DeletionRequest.Mode;
import dev.lethe.core.DeletionRequest.Subject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.InvalidPathException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Removes a subject's files and directories under one root. A call first finds every match of every template (so a
 * refusal, such as a symbolic link on the way, removes nothing), then removes them: a file or a link is deleted
 * itself, a directory with everything in it. Links are never followed: a link that matches is removed as a link,
 * and a link where a directory is needed on the way to a match refuses the call. {@code items} counts regular files
 * only (not directories, links or other special files). Subjects are done one by one (no batching: a filesystem has
 * no round trip to save).
 */
final class FilesystemCleaner implements Cleaner {

    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final String resource;
    private final Path root;
    /** The root's identity at start (device and inode where the platform has them), or null. */
    private final Object rootKey;
    private final List<PathTemplate> templates;

    /** @param root the root's real path (absolute, no link in it), checked to be a directory at start */
    FilesystemCleaner(String resource, Path root, Object rootKey, List<PathTemplate> templates) {
        this.resource = resource;
        this.root = root;
        this.rootKey = rootKey;
        this.templates = List.copyOf(templates);
    }

    @Override
    public long clean(CleanCommand command) throws IOException {
        if (command.mode() == Mode.SOFT) {
            return 0; // never asked: SOFT (and its dry run) skips a resource that cannot mark files deleted
        }
        try {
            checkRoot();
            List<Path> targets = outermost(find(command.subject()));
            long items = 0;
            for (Path target : targets) {
                checkInsideRoot(target);
                items += command.dryRun() ? count(target) : remove(target);
            }
            return items;
        } catch (FilesystemRefusal | FilesystemFailure known) {
            throw known;
        } catch (IOException e) {
            throw failure(e);
        } catch (InvalidPathException e) {
            // its message quotes the path: not passed on
            throw new FilesystemRefusal(setting("paths") + ": a path this platform cannot name; nothing more was"
                    + " removed");
        } catch (UncheckedIOException e) {
            throw failure(e.getCause());
        } catch (DirectoryIteratorException e) {
            throw failure(e.getCause());
        }
    }

    /** A dry run counts the files still under the paths. */
    @Override
    public boolean countsWhatRemains() {
        return true;
    }

    @Override
    public boolean supportsSoftDelete() {
        return false;
    }

    /** The root is still the directory found at start: a volume that is not mounted shows as missing or another. */
    private void checkRoot() throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(root, BasicFileAttributes.class, NO_FOLLOW);
        } catch (NoSuchFileException e) {
            throw new FilesystemFailure(setting("root") + " is missing (a volume not mounted?)", true);
        }
        if (!attributes.isDirectory()) {
            throw new FilesystemFailure(setting("root") + " is no longer a directory", false);
        }
        if (rootKey != null && !rootKey.equals(attributes.fileKey())) {
            throw new FilesystemFailure(setting("root") + " is not the directory found at start (a volume unmounted"
                    + " or replaced?)", true);
        }
    }

    /** Every existing match of every template, in template order, each once. */
    private Set<Path> find(Subject subject) throws IOException {
        Set<Path> found = new LinkedHashSet<>();
        for (PathTemplate template : templates) {
            found.addAll(find(template, template.segments(subject)));
        }
        return found;
    }

    private List<Path> find(PathTemplate template, List<SegmentPattern> segments) throws IOException {
        List<Path> current = List.of(root);
        for (int i = 0; i < segments.size(); i++) {
            SegmentPattern segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            List<Path> next = new ArrayList<>();
            for (Path directory : current) {
                for (Path candidate : candidates(directory, segment)) {
                    BasicFileAttributes attributes = attributesOf(candidate);
                    if (attributes == null) {
                        continue;
                    }
                    if (last) {
                        next.add(candidate);
                    } else if (attributes.isSymbolicLink()) {
                        throw new FilesystemRefusal(template.setting() + ": a symbolic link where a directory is"
                                + " needed on the way to a match (links are never followed); nothing was removed");
                    } else if (attributes.isDirectory()) {
                        next.add(candidate);
                    }
                    // a file where a directory is needed: nothing below it can match
                }
            }
            current = next;
        }
        return current;
    }

    /** The entries of a (real) directory a segment may name: the one literal name, or those the pattern matches. */
    private static List<Path> candidates(Path directory, SegmentPattern segment) throws IOException {
        if (segment.isLiteral()) {
            Path child = directory.resolve(segment.literal());
            return Objects.equals(child.getParent(), directory) ? List.of(child) : List.of();
        }
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (segment.matches(entry.getFileName().toString())) {
                    matches.add(entry);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            // removed or replaced while looking: nothing here
        }
        return matches;
    }

    /** Drops matches inside another match: a directory removed with its content covers them. */
    private List<Path> outermost(Set<Path> found) {
        List<Path> outermost = new ArrayList<>(found.size());
        for (Path path : found) {
            boolean covered = false;
            for (Path ancestor = path.getParent(); ancestor != null && !ancestor.equals(root) && !covered;
                    ancestor = ancestor.getParent()) {
                covered = found.contains(ancestor);
            }
            if (!covered) {
                outermost.add(path);
            }
        }
        return outermost;
    }

    /**
     * Checked again just before a match is touched: it lies strictly under the root after normalisation, and every
     * directory between the root and it is a real directory, not a link (something may have changed since the
     * matches were found).
     */
    private void checkInsideRoot(Path target) throws IOException {
        Path normal = target.normalize();
        if (!normal.equals(target) || !normal.startsWith(root) || normal.equals(root)) {
            throw new FilesystemRefusal(setting("paths") + ": a match outside root; nothing more was removed");
        }
        for (Path ancestor = target.getParent(); !ancestor.equals(root); ancestor = ancestor.getParent()) {
            BasicFileAttributes attributes = attributesOf(ancestor);
            if (attributes != null && (attributes.isSymbolicLink() || !attributes.isDirectory())) {
                throw new FilesystemRefusal(setting("paths") + ": a directory on the way to a match was replaced"
                        + " by a link or a file while removing (links are never followed); nothing more was removed");
            }
        }
    }

    /** Removes a match; returns the regular files removed by this call. */
    private static long remove(Path target) throws IOException {
        BasicFileAttributes attributes = attributesOf(target);
        if (attributes == null) {
            return 0;
        }
        if (!attributes.isDirectory()) {
            return Files.deleteIfExists(target) && attributes.isRegularFile() ? 1 : 0;
        }
        Tree tree = new Tree(false);
        Files.walkFileTree(target, tree); // no FOLLOW_LINKS: a link inside is visited as a file, and deleted as one
        return tree.files;
    }

    /** The regular files removing a match would remove. */
    private static long count(Path target) throws IOException {
        BasicFileAttributes attributes = attributesOf(target);
        if (attributes == null) {
            return 0;
        }
        if (!attributes.isDirectory()) {
            return attributes.isRegularFile() ? 1 : 0;
        }
        Tree tree = new Tree(true);
        Files.walkFileTree(target, tree);
        return tree.files;
    }

    /** A file's own attributes (a link's, not its target's), or null when it does not exist. */
    private static BasicFileAttributes attributesOf(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, NO_FOLLOW);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private FilesystemFailure failure(IOException error) {
        String reason = error instanceof FileSystemException fileSystem && fileSystem.getReason() != null
                ? " (" + fileSystem.getReason() + ")" : "";
        return new FilesystemFailure("lethe.resources." + resource + ": " + error.getClass().getSimpleName() + reason,
                FilesystemFailures.isTransientIo(error));
    }

    private String setting(String name) {
        return "lethe.resources." + resource + "." + name;
    }

    /** Walks a matched directory depth first, deleting (or counting) as it goes; files vanishing meanwhile are no error. */
    private static final class Tree extends SimpleFileVisitor<Path> {

        private final boolean countOnly;
        private long files;

        Tree(boolean countOnly) {
            this.countOnly = countOnly;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
            if (countOnly) {
                files += attributes.isRegularFile() ? 1 : 0;
            } else if (Files.deleteIfExists(file) && attributes.isRegularFile()) {
                files++;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException error) throws IOException {
            if (error instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
            }
            throw error;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path directory, IOException error) throws IOException {
            if (error != null && !(error instanceof NoSuchFileException)) {
                throw error;
            }
            if (!countOnly) {
                Files.deleteIfExists(directory);
            }
            return FileVisitResult.CONTINUE;
        }
    }
}
