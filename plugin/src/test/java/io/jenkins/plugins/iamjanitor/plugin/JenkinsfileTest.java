package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Parses the repository's sample Jenkinsfile and checks every step call against what the steps really accept. */
class JenkinsfileTest {
    static final Map<String, Class<? extends Step>> OUR_STEPS = Map.of(
            new IamListInactiveStep.DescriptorImpl().getFunctionName(), IamListInactiveStep.class,
            new SlackAskApprovalStep.DescriptorImpl().getFunctionName(), SlackAskApprovalStep.class,
            new JiraCreateReviewTicketStep.DescriptorImpl().getFunctionName(), JiraCreateReviewTicketStep.class,
            new CloudtrailEnrichStep.DescriptorImpl().getFunctionName(), CloudtrailEnrichStep.class,
            new IamDeleteUserStep.DescriptorImpl().getFunctionName(), IamDeleteUserStep.class);

    /** Declarative directives and Pipeline built-ins (core Pipeline plugins) the sample may use. */
    static final Set<String> BUILT_INS = Set.of("pipeline", "agent", "triggers", "cron", "options", "buildDiscarder",
            "logRotator", "disableConcurrentBuilds", "parameters", "string", "booleanParam", "stages", "stage", "when",
            "expression", "steps", "script", "echo", "timeout", "input", "post", "always", "node", "writeFile",
            "archiveArtifacts", "error");

    static final List<Call> calls = new ArrayList<>();

    record Call(String name, List<String> namedArguments, int line) {
    }

    @BeforeAll
    static void parse() throws Exception {
        Path jenkinsfile = Path.of("..", "Jenkinsfile");
        CompilationUnit unit = new CompilationUnit();
        SourceUnit source = unit.addSource("Jenkinsfile", Files.readString(jenkinsfile));
        unit.compile(Phases.CONVERSION);
        ClassCodeVisitorSupport visitor = new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                if (call.isImplicitThis()) {
                    calls.add(new Call(call.getMethodAsString(), namedArguments(call.getArguments()),
                            call.getLineNumber()));
                }
                super.visitMethodCallExpression(call);
            }
        };
        for (ClassNode c : source.getAST().getClasses()) {
            visitor.visitClass(c);
        }
        source.getAST().getStatementBlock().visit(visitor);
    }

    private static List<String> namedArguments(Expression args) {
        List<String> names = new ArrayList<>();
        if (args instanceof TupleExpression tuple) {
            for (Expression e : tuple.getExpressions()) {
                if (e instanceof MapExpression map) {
                    for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                        if (entry.getKeyExpression() instanceof ConstantExpression key) {
                            names.add(String.valueOf(key.getValue()));
                        }
                    }
                }
            }
        }
        return names;
    }

    static Set<String> acceptedArguments(Class<? extends Step> step) {
        Set<String> names = new TreeSet<>();
        for (Constructor<?> k : step.getConstructors()) {
            if (k.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : k.getParameters()) {
                    assertThat(p.isNamePresent()).as("compiled with -parameters").isTrue();
                    names.add(p.getName());
                }
            }
        }
        for (Method m : step.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set")) {
                String n = m.getName().substring(3);
                names.add(n.substring(0, 1).toLowerCase(Locale.ROOT) + n.substring(1));
            }
        }
        return names;
    }

    @Test
    void everyCalledStepExists() {
        assertThat(calls).isNotEmpty();
        for (Call c : calls) {
            assertThat(OUR_STEPS.containsKey(c.name()) || BUILT_INS.contains(c.name()))
                    .as("line " + c.line() + ": '" + c.name() + "' is neither one of our steps nor a known built-in")
                    .isTrue();
        }
    }

    @Test
    void everyNamedArgumentOfOurStepsIsAccepted() {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Call c : calls) {
            Class<? extends Step> step = OUR_STEPS.get(c.name());
            if (step == null) {
                continue;
            }
            seen.merge(c.name(), 1, Integer::sum);
            assertThat(c.namedArguments()).as("line " + c.line() + " " + c.name() + " arguments")
                    .isNotEmpty()
                    .allSatisfy(a -> assertThat(acceptedArguments(step)).as(c.name() + " accepts").contains(a));
        }
        assertThat(seen.keySet()).as("the sample chains all five steps").containsExactlyInAnyOrderElementsOf(
                OUR_STEPS.keySet());
    }

    @Test
    void theSampleHasAWeeklyTriggerParametersAndAnInputGate() {
        List<String> names = calls.stream().map(Call::name).toList();
        assertThat(names).contains("cron", "string", "booleanParam", "archiveArtifacts");
        Call input = calls.stream().filter(c -> c.name().equals("input")).findFirst().orElseThrow();
        assertThat(input.namedArguments()).contains("id", "submitter", "message");
        Call delete = calls.stream().filter(c -> c.name().equals("iamDeleteUser")).findFirst().orElseThrow();
        assertThat(delete.namedArguments()).contains("dryRun", "approval");
    }

    @Test
    void descriptorsNameTheDocumentedFunctions() {
        assertThat(OUR_STEPS.keySet()).containsExactlyInAnyOrder("iamListInactive", "slackAskApproval",
                "jiraCreateReviewTicket", "cloudtrailEnrich", "iamDeleteUser");
        for (Class<? extends Step> s : OUR_STEPS.values()) {
            assertThat(StepDescriptor.class).isAssignableFrom(nested(s, "DescriptorImpl"));
            nested(s, "Execution");
        }
    }

    private static Class<?> nested(Class<?> outer, String simpleName) {
        for (Class<?> c : outer.getDeclaredClasses()) {
            if (c.getSimpleName().equals(simpleName)) {
                return c;
            }
        }
        throw new AssertionError(outer.getSimpleName() + " lacks nested " + simpleName);
    }
}
