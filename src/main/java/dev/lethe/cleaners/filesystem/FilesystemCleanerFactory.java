package dev.lethe.cleaners.filesystem;

import dev.lethe.cleaners.Cleaner;
import dev.lethe.cleaners.CleanerFactory;
import dev.lethe.cleaners.FailureClassifier;
import dev.lethe.cleaners.ResourceSettings;
import dev.lethe.core.InvalidConfigurationException;
import dev.lethe.plan.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** Makes {@code type: filesystem} cleaners: the root must be an existing directory, the templates stay inside it. */
final class FilesystemCleanerFactory implements CleanerFactory {

    @Override
    public String type() {
        return "filesystem";
    }

    @Override
    public Cleaner create(Resource resource, ResourceSettings bound) {
        FilesystemSettings settings = bound.bind(resource.name(), FilesystemSettings.class);
        String rootSetting = ResourceSettings.name(resource.name(), "root");
        Path root;
        BasicFileAttributes attributes;
        try {
            root = Path.of(settings.root()).toRealPath();
            attributes = Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (InvalidPathException | IOException e) {
            throw new InvalidConfigurationException(rootSetting + " '" + settings.root() + "' must be an existing"
                    + " directory (" + e.getClass().getSimpleName() + ")");
        }
        if (!attributes.isDirectory()) {
            throw new InvalidConfigurationException(rootSetting + " '" + settings.root() + "' is not a directory");
        }
        String separator = root.getFileSystem().getSeparator();
        List<PathTemplate> templates = new ArrayList<>();
        for (int i = 0; i < settings.paths().size(); i++) {
            templates.add(PathTemplate.parse(settings.paths().get(i),
                    ResourceSettings.name(resource.name(), "paths[" + i + "]"), separator));
        }
        return new FilesystemCleaner(resource.name(), root, attributes.fileKey(), templates);
    }

    @Override
    public FailureClassifier failureClassifier() {
        return FilesystemFailures.CLASSIFIER;
    }
}
