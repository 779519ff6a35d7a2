package dev.latchkey.broker.policy;

import dev.latchkey.grammar.Durations;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a policy file (YAML). It works on the YAML node tree rather than on mapped objects so
 * that every error can name the file, the line and the field. Parsing builds a whole new
 * {@link Policy} or throws: there is nothing to half-apply.
 *
 * <p>The format is documented in docs/broker.md; the dev policy resource is a full example.
 */
public final class PolicyLoader {

    private static final Set<String> TOP_KEYS = Set.of("admins", "scopes", "sandboxes");
    private static final Set<String> SCOPE_KEYS = Set.of("description", "browse", "read", "request", "approve",
            "maxRequest", "autoApprove", "secrets", "justification", "reviewSla", "requestTtl", "confirm");
    private static final Set<String> SECRET_KEYS = Set.of("description", "rotateEvery");
    private static final Set<String> RULE_KEYS = Set.of("name", "groups", "upTo");
    private static final Set<String> JUSTIFICATION_KEYS = Set.of("minLength", "pattern", "hint");
    private static final Set<String> SANDBOX_KEYS = Set.of("scope", "audience", "maxTtl", "claims");
    private static final Duration MAX_SANDBOX_TTL = Duration.ofDays(1);
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    private final String source;
    private final PolicyNodes nodes;

    private PolicyLoader(String source) {
        this.source = source;
        this.nodes = new PolicyNodes(source);
    }

    /** Loads and validates the policy file at {@code path}. */
    public static Policy load(Path path) {
        String text;
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new PolicyException(path.toString(), 1, "", "the file is larger than 4 MiB");
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PolicyException(path.toString(), 0, "", "cannot read the file: " + e.getMessage());
        }
        return parse(path.toString(), text);
    }

    /** Loads and validates policy text; {@code source} names it in errors. */
    public static Policy parse(String source, String text) {
        return new PolicyLoader(source).read(new StringReader(text));
    }

    private Policy read(Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(MAX_BYTES);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(options)).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new PolicyException(source, line, "", "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new PolicyException(source, 0, "", "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new PolicyException(source, 1, "", "the file is empty; it needs at least 'admins' and 'scopes'");
        }
        Map<String, NodeTuple> top = nodes.mapping(root, "", TOP_KEYS);
        Set<String> admins = nodes.groups(nodes.require(top, root, "", "admins"), "admins");
        if (admins.isEmpty()) {
            throw nodes.error(top.get("admins").getValueNode(), "admins", "name at least one admin group");
        }
        Node scopesNode = nodes.require(top, root, "", "scopes");
        Map<ScopeId, ScopePolicy> scopes = new TreeMap<>();
        for (var entry : nodes.mapping(scopesNode, "scopes", null).entrySet()) {
            String name = entry.getKey();
            Node keyNode = entry.getValue().getKeyNode();
            ScopeId id = ScopeId.parse(name).orElseThrow(() -> nodes.error(keyNode, "scopes." + name,
                    "a scope is named team/env in lower-case letters, digits, '.', '_' or '-'"));
            scopes.put(id, scope(id, entry.getValue().getValueNode(), "scopes." + name));
        }
        Map<String, SandboxPolicy> sandboxes = new TreeMap<>();
        if (top.containsKey("sandboxes")) {
            for (var entry : nodes.mapping(top.get("sandboxes").getValueNode(), "sandboxes", null).entrySet()) {
                String name = entry.getKey();
                String path = "sandboxes." + name;
                if (!ScopeId.SEGMENT.matcher(name).matches()) {
                    throw nodes.error(entry.getValue().getKeyNode(), path,
                            "a sandbox name is lower-case letters, digits, '.', '_' or '-'");
                }
                sandboxes.put(name, sandbox(name, entry.getValue().getValueNode(), path, scopes));
            }
        }
        return new Policy(source, admins, scopes, sandboxes);
    }

    private SandboxPolicy sandbox(String name, Node node, String path, Map<ScopeId, ScopePolicy> scopes) {
        Map<String, NodeTuple> fields = nodes.mapping(node, path, SANDBOX_KEYS);
        Node scopeNode = nodes.require(fields, node, path, "scope");
        String scopeText = nodes.optionalScalar(fields, path, "scope").orElseThrow();
        ScopeId scope = ScopeId.parse(scopeText).orElseThrow(() -> nodes.error(scopeNode, path + ".scope",
                "'" + scopeText + "' is not a scope name; write it as team/env"));
        if (!scopes.containsKey(scope)) {
            throw nodes.error(scopeNode, path + ".scope", "there is no scope " + scope + " under 'scopes'");
        }
        String audience = nodes.optionalScalar(fields, path, "audience").orElse(name);
        if (audience.isBlank()) {
            throw nodes.error(fields.get("audience").getValueNode(), path + ".audience", "must not be empty");
        }
        Node ttlNode = nodes.require(fields, node, path, "maxTtl");
        Duration maxTtl = nodes.duration(ttlNode, path + ".maxTtl");
        if (maxTtl.compareTo(MAX_SANDBOX_TTL) > 0 || maxTtl.toSeconds() < 1) {
            throw nodes.error(ttlNode, path + ".maxTtl", "sandbox tokens live between 1s and 1d");
        }
        Map<String, Object> claims = new TreeMap<>();
        if (fields.containsKey("claims")) {
            String claimsPath = path + ".claims";
            for (var claim : nodes.mapping(fields.get("claims").getValueNode(), claimsPath, null).entrySet()) {
                String key = claim.getKey();
                if (SandboxPolicy.RESERVED_CLAIMS.contains(key)) {
                    throw nodes.error(claim.getValue().getKeyNode(), claimsPath + "." + key,
                            "the broker sets this claim itself; reserved: " + new TreeSet<>(SandboxPolicy.RESERVED_CLAIMS));
                }
                if (!(claim.getValue().getValueNode() instanceof ScalarNode v)) {
                    throw nodes.error(claim.getValue().getValueNode(), claimsPath + "." + key, "expected text");
                }
                claims.put(key, claimValue(v));
            }
        }
        return new SandboxPolicy(name, scope, audience, maxTtl, claims);
    }

    private ScopePolicy scope(ScopeId id, Node node, String path) {
        Map<String, NodeTuple> fields = nodes.mapping(node, path, SCOPE_KEYS);
        String description = nodes.optionalScalar(fields, path, "description").orElse("");
        Set<String> browse = nodes.optionalGroups(fields, path, "browse");
        Set<String> read = nodes.optionalGroups(fields, path, "read");
        Set<String> request = nodes.optionalGroups(fields, path, "request");
        Set<String> approve = nodes.optionalGroups(fields, path, "approve");
        Optional<Duration> maxRequest = Optional.empty();
        if (fields.containsKey("maxRequest")) {
            maxRequest = Optional.of(nodes.duration(fields.get("maxRequest").getValueNode(), path + ".maxRequest"));
        }
        if (!request.isEmpty() && maxRequest.isEmpty()) {
            throw nodes.error(node, path + ".maxRequest", "required when 'request' names groups");
        }
        List<AutoApproval> rules = new ArrayList<>();
        if (fields.containsKey("autoApprove")) {
            Node list = fields.get("autoApprove").getValueNode();
            String listPath = path + ".autoApprove";
            if (!(list instanceof SequenceNode seq)) {
                throw nodes.error(list, listPath, "expected a list of {groups, upTo} rules");
            }
            Set<String> names = new HashSet<>();
            for (int i = 0; i < seq.getValue().size(); i++) {
                Node ruleNode = seq.getValue().get(i);
                String rulePath = listPath + "[" + i + "]";
                Map<String, NodeTuple> rule = nodes.mapping(ruleNode, rulePath, RULE_KEYS);
                Set<String> groups = nodes.groups(nodes.require(rule, ruleNode, rulePath, "groups"), rulePath + ".groups");
                Node upToNode = nodes.require(rule, ruleNode, rulePath, "upTo");
                Duration upTo = nodes.duration(upToNode, rulePath + ".upTo");
                if (maxRequest.isPresent() && upTo.compareTo(maxRequest.get()) > 0) {
                    throw nodes.error(upToNode, rulePath + ".upTo", "longer than the scope's maxRequest ("
                            + Durations.format(maxRequest.get()) + ")");
                }
                if (!request.containsAll(groups)) {
                    throw nodes.error(ruleNode, rulePath + ".groups", "every group here must also be in 'request'");
                }
                String ruleName = nodes.optionalScalar(rule, rulePath, "name")
                        .orElseGet(() -> AutoApproval.defaultName(id, groups, upTo));
                if (ruleName.isBlank() || !names.add(ruleName)) {
                    throw nodes.error(ruleNode, rulePath + ".name", ruleName.isBlank() ? "must not be empty"
                            : "another rule of this scope has the name '" + ruleName + "'");
                }
                rules.add(new AutoApproval(ruleName, groups, upTo));
            }
        }
        List<SecretDecl> secrets = new ArrayList<>();
        if (fields.containsKey("secrets")) {
            String secretsPath = path + ".secrets";
            for (var entry : nodes.mapping(fields.get("secrets").getValueNode(), secretsPath, null).entrySet()) {
                String name = entry.getKey();
                String secretPath = secretsPath + "." + name;
                if (!ScopeId.SEGMENT.matcher(name).matches()) {
                    throw nodes.error(entry.getValue().getKeyNode(), secretPath,
                            "a secret name is lower-case letters, digits, '.', '_' or '-'");
                }
                Node valueNode = entry.getValue().getValueNode();
                Map<String, NodeTuple> secret = valueNode instanceof ScalarNode s && s.getValue().isEmpty()
                        ? Map.of() : nodes.mapping(valueNode, secretPath, SECRET_KEYS);
                String secretDescription = nodes.optionalScalar(secret, secretPath, "description").orElse("");
                Optional<Duration> rotateEvery = secret.containsKey("rotateEvery")
                        ? Optional.of(nodes.duration(secret.get("rotateEvery").getValueNode(), secretPath + ".rotateEvery"))
                        : Optional.empty();
                secrets.add(new SecretDecl(name, secretDescription, rotateEvery));
            }
        }
        JustificationRule justification = fields.containsKey("justification")
                ? justification(fields.get("justification").getValueNode(), path + ".justification")
                : JustificationRule.ANY;
        Duration reviewSla = fields.containsKey("reviewSla")
                ? nodes.duration(fields.get("reviewSla").getValueNode(), path + ".reviewSla")
                : ScopePolicy.DEFAULT_REVIEW_SLA;
        Duration requestTtl = fields.containsKey("requestTtl")
                ? nodes.duration(fields.get("requestTtl").getValueNode(), path + ".requestTtl")
                : ScopePolicy.DEFAULT_REQUEST_TTL;
        if (requestTtl.toSeconds() < 60) {
            throw nodes.error(fields.get("requestTtl").getValueNode(), path + ".requestTtl",
                    "at least 1m: reviewers need time to see a request");
        }
        return new ScopePolicy(id, description, browse, read, request, approve, maxRequest, rules, secrets,
                justification, reviewSla, requestTtl, nodes.flag(fields, path, "confirm"));
    }

    /** A claim keeps the YAML type it was written with: {@code 3} is a number, {@code true} a boolean. */
    private static Object claimValue(ScalarNode v) {
        String text = v.getValue();
        try {
            if (Tag.INT.equals(v.getTag())) {
                return Long.parseLong(text);
            }
            if (Tag.FLOAT.equals(v.getTag())) {
                return Double.parseDouble(text);
            }
        } catch (NumberFormatException e) {
            return text;
        }
        if (Tag.BOOL.equals(v.getTag())) {
            return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
        }
        return text;
    }

    private JustificationRule justification(Node node, String path) {
        Map<String, NodeTuple> fields = nodes.mapping(node, path, JUSTIFICATION_KEYS);
        int minLength = 1;
        if (fields.containsKey("minLength")) {
            Node n = fields.get("minLength").getValueNode();
            String text = nodes.optionalScalar(fields, path, "minLength").orElseThrow();
            try {
                minLength = Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                minLength = -1;
            }
            if (minLength < 1 || minLength > 1000) {
                throw nodes.error(n, path + ".minLength", "expected a whole number from 1 to 1000");
            }
        }
        Optional<Pattern> pattern = Optional.empty();
        if (fields.containsKey("pattern")) {
            String text = nodes.optionalScalar(fields, path, "pattern").orElseThrow();
            try {
                pattern = Optional.of(Pattern.compile(text));
            } catch (PatternSyntaxException e) {
                throw nodes.error(fields.get("pattern").getValueNode(), path + ".pattern",
                        "not a regular expression: " + e.getDescription());
            }
        }
        String hint = nodes.optionalScalar(fields, path, "hint").orElse("");
        return new JustificationRule(minLength, pattern, hint);
    }
}
