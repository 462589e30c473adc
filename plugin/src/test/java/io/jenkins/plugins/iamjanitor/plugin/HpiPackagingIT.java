package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opens the built target/iam-janitor.hpi (after packaging) and checks what Jenkins needs to load it. */
class HpiPackagingIT {
    static final String SHORT_NAME = "iam-janitor";
    static final List<String> PLUGIN_KEYS = List.of("Short-Name", "Long-Name", "Plugin-Version", "Jenkins-Version",
            "Plugin-Dependencies", "Group-Id", "Artifact-Id", "Url", "Plugin-License-Name", "Plugin-License-Url",
            "Minimum-Java-Version");

    @TempDir
    static Path tmp;
    static Path hpi;
    static Path innerJar;
    static List<Path> libs = new ArrayList<>();
    static URLClassLoader loader;

    @BeforeAll
    static void unpack() throws Exception {
        hpi = Path.of(System.getProperty("hpi.file", "target/iam-janitor.hpi"));
        assertThat(hpi).exists();
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (e.getName().startsWith("WEB-INF/lib/") && e.getName().endsWith(".jar")) {
                    Path out = tmp.resolve(e.getName().substring("WEB-INF/lib/".length()));
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, out);
                    }
                    libs.add(out);
                }
            }
        }
        innerJar = tmp.resolve(SHORT_NAME + ".jar");
        // Only the bundled jars plus what Jenkins supplies at run time (shim for core/plugins, guava, servlet, sezpoz).
        List<URL> urls = new ArrayList<>();
        for (Path p : libs) {
            urls.add(p.toUri().toURL());
        }
        for (Class<?> provided : List.of(hudson.Extension.class, com.google.common.util.concurrent.FutureCallback.class,
                jakarta.servlet.FilterChain.class, net.java.sezpoz.Indexable.class)) {
            urls.add(provided.getProtectionDomain().getCodeSource().getLocation());
        }
        loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @AfterAll
    static void close() throws IOException {
        loader.close();
    }

    private static Attributes manifest(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            Manifest m = j.getManifest();
            assertThat(m).as("manifest of " + jar.getFileName()).isNotNull();
            return m.getMainAttributes();
        }
    }

    @Test
    void hpiAndInnerJarCarryTheSamePluginManifest() throws Exception {
        Attributes outer = manifest(hpi);
        Attributes inner = manifest(innerJar);
        for (String key : PLUGIN_KEYS) {
            assertThat(outer.getValue(key)).as("hpi " + key).isNotBlank();
            assertThat(inner.getValue(key)).as("inner jar " + key).isEqualTo(outer.getValue(key));
        }
        assertThat(outer.getValue("Short-Name")).isEqualTo(SHORT_NAME);
        assertThat(outer.getValue("Jenkins-Version")).isEqualTo("2.555.3");
        assertThat(outer.getValue("Minimum-Java-Version")).isEqualTo("17");
        assertThat(outer.getValue("Group-Id")).isEqualTo("io.jenkins.plugins.iamjanitor");
        assertThat(outer.getValue("Artifact-Id")).isEqualTo(SHORT_NAME);
        assertThat(outer.getValue("Url")).startsWith("https://");
    }

    @Test
    void pluginDependenciesAreNoLowerThanThePinnedVersions() throws Exception {
        Map<String, String> pinned = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(System.getProperty("jenkins.versions",
                "../jenkins-api/reference/versions.txt")))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] p = line.trim().split("\\s+");
                pinned.put(p[0], p[1]);
            }
        }
        String deps = manifest(hpi).getValue("Plugin-Dependencies");
        Map<String, String> declared = new HashMap<>();
        for (String d : deps.split(",")) {
            String[] nameVersion = d.split(";")[0].split(":");
            declared.put(nameVersion[0], nameVersion[1]);
            assertThat(pinned).as("versions.txt lists " + nameVersion[0]).containsKey(nameVersion[0]);
            assertThat(buildNumber(nameVersion[1])).as(d).isGreaterThanOrEqualTo(buildNumber(pinned.get(nameVersion[0])));
        }
        assertThat(declared).containsKeys("credentials", "plain-credentials", "workflow-step-api", "structs");
        assertThat(deps).contains("aws-credentials:265.v8422a_f384cd9;resolution:=optional");
    }

    /** Jenkins plugin versions here are BUILD.vHASH: the leading build number orders them. */
    private static int buildNumber(String version) {
        return Integer.parseInt(version.split("\\.")[0]);
    }

    @Test
    void innerJarHasIndexJellyAndTheConfigurationPage() throws Exception {
        try (JarFile j = new JarFile(innerJar.toFile())) {
            assertThat(j.getEntry("index.jelly")).isNotNull();
            String jelly = new String(j.getInputStream(j.getEntry("index.jelly")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(jelly).contains("iamListInactive");
            assertThat(j.getEntry("io/jenkins/plugins/iamjanitor/plugin/IamJanitorConfiguration/config.jelly"))
                    .isNotNull();
        }
    }

    @Test
    void extensionIndexListsEveryExtensionInTheJar() throws Exception {
        TreeSet<String> indexed = new TreeSet<>();
        try (URLClassLoader only = new URLClassLoader(new URL[] {innerJar.toUri().toURL()}, loader)) {
            @SuppressWarnings("unchecked")
            Class<? extends Annotation> ext = (Class<? extends Annotation>) loader.loadClass("hudson.Extension");
            for (IndexItem<? extends Annotation, Object> item : Index.load(ext, Object.class, only)) {
                indexed.add(item.className());
            }
        }
        TreeSet<String> annotated = new TreeSet<>();
        @SuppressWarnings("unchecked")
        Class<? extends Annotation> ext = (Class<? extends Annotation>) loader.loadClass("hudson.Extension");
        for (Class<?> c : pluginClasses()) {
            if (c.isAnnotationPresent(ext)) {
                annotated.add(c.getName());
            }
        }
        assertThat(annotated).contains(
                "io.jenkins.plugins.iamjanitor.plugin.IamJanitorConfiguration",
                "io.jenkins.plugins.iamjanitor.plugin.IamListInactiveStep$DescriptorImpl",
                "io.jenkins.plugins.iamjanitor.plugin.SlackAskApprovalStep$DescriptorImpl",
                "io.jenkins.plugins.iamjanitor.plugin.JiraCreateReviewTicketStep$DescriptorImpl",
                "io.jenkins.plugins.iamjanitor.plugin.CloudtrailEnrichStep$DescriptorImpl",
                "io.jenkins.plugins.iamjanitor.plugin.IamDeleteUserStep$DescriptorImpl",
                "io.jenkins.plugins.iamjanitor.plugin.SlackActionsEndpoint",
                "io.jenkins.plugins.iamjanitor.plugin.SlackActionsCrumbExclusion");
        assertThat(indexed).isEqualTo(annotated);
    }

    @Test
    void symbolIndexListsEverySymbolClass() throws Exception {
        Class<? extends Annotation> symbol = loader.loadClass("org.jenkinsci.Symbol").asSubclass(Annotation.class);
        TreeSet<String> annotated = new TreeSet<>();
        for (Class<?> c : pluginClasses()) {
            if (c.isAnnotationPresent(symbol)) {
                annotated.add(c.getName());
            }
        }
        try (JarFile j = new JarFile(innerJar.toFile())) {
            String index = new String(j.getInputStream(j.getEntry("META-INF/services/annotations/org.jenkinsci.Symbol"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertThat(new TreeSet<>(index.lines().filter(l -> !l.isBlank()).toList())).isEqualTo(annotated);
        }
        assertThat(annotated).contains("io.jenkins.plugins.iamjanitor.plugin.IamJanitorConfiguration");
    }

    @Test
    void compiledWithParameterNamesForStapler() throws Exception {
        Class<? extends Annotation> dbc = loader.loadClass("org.kohsuke.stapler.DataBoundConstructor")
                .asSubclass(Annotation.class);
        Class<? extends Annotation> qp = loader.loadClass("org.kohsuke.stapler.QueryParameter")
                .asSubclass(Annotation.class);
        int constructors = 0;
        int queryParameters = 0;
        for (Class<?> c : pluginClasses()) {
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (k.isAnnotationPresent(dbc)) {
                    constructors++;
                    for (Parameter p : k.getParameters()) {
                        assertThat(p.isNamePresent()).as(c.getName() + " constructor parameter names").isTrue();
                    }
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                for (Parameter p : m.getParameters()) {
                    if (p.isAnnotationPresent(qp)) {
                        queryParameters++;
                        assertThat(p.isNamePresent()).as(m + " parameter names").isTrue();
                    }
                }
            }
        }
        assertThat(constructors).isEqualTo(5);
        assertThat(queryParameters).isGreaterThan(10);
        Class<?> slack = loader.loadClass("io.jenkins.plugins.iamjanitor.plugin.SlackAskApprovalStep");
        assertThat(slack.getConstructors()[0].getParameters()[0].getName()).isEqualTo("users");
    }

    @Test
    void neitherTheShimNorJenkinsProvidedLibrariesArePackaged() throws Exception {
        List<String> names = libs.stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).contains(SHORT_NAME + ".jar", "iam-janitor-core-0.1.0-SNAPSHOT.jar");
        assertThat(names).noneMatch(n -> n.startsWith("iam-janitor-jenkins-api") || n.startsWith("guava")
                || n.startsWith("jakarta.servlet") || n.startsWith("sezpoz") || n.startsWith("slf4j")
                || n.startsWith("spring-security") || n.startsWith("groovy") || n.startsWith("junit")
                || n.startsWith("iam-janitor-sandbox"));
        for (Path lib : libs) {
            try (JarFile j = new JarFile(lib.toFile())) {
                for (ZipEntry e : java.util.Collections.list(j.entries())) {
                    assertThat(e.getName()).as(lib.getFileName() + " must not carry Jenkins API classes")
                            .doesNotStartWith("hudson/").doesNotStartWith("jenkins/")
                            .doesNotStartWith("org/kohsuke/stapler/").doesNotStartWith("org/jenkinsci/plugins/")
                            .doesNotStartWith("com/cloudbees/").doesNotStartWith("org/jenkinsci/Symbol")
                            .doesNotStartWith("com/google/common/").doesNotStartWith("jakarta/servlet/")
                            .doesNotStartWith("net/java/sezpoz/").doesNotStartWith("org/slf4j/");
                }
            }
        }
        try (ZipFile z = new ZipFile(hpi.toFile())) {
            assertThat(z.getEntry("META-INF/MANIFEST.MF")).isNotNull();
        }
        assertThat(pluginClasses()).extracting(Class::getSimpleName).as("no test code in the plugin jar")
                .noneMatch(n -> n.endsWith("Test") || n.endsWith("IT") || n.startsWith("Fake"));
    }

    private static List<Class<?>> pluginClasses() throws Exception {
        List<Class<?>> out = new ArrayList<>();
        try (JarFile j = new JarFile(innerJar.toFile())) {
            for (ZipEntry e : java.util.Collections.list(j.entries())) {
                if (e.getName().endsWith(".class")) {
                    String name = e.getName().replace('/', '.').substring(0, e.getName().length() - 6);
                    out.add(Class.forName(name, false, loader));
                }
            }
        }
        assertThat(out).isNotEmpty();
        return out;
    }
}
