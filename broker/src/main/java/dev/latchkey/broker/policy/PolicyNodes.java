package dev.latchkey.broker.policy;

import dev.latchkey.grammar.DurationSyntaxException;
import dev.latchkey.grammar.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the YAML node tree of one policy file into plain values — mappings with known keys,
 * text, group lists, durations — and turns every problem into a {@link PolicyException} that
 * names the file, the line and the field. {@link PolicyLoader} decides what a policy is made of.
 */
final class PolicyNodes {

    private final String source;

    PolicyNodes(String source) {
        this.source = source;
    }

    /** A mapping's entries by key, in file order; unknown keys are errors when {@code allowed} is given. */
    Map<String, NodeTuple> mapping(Node node, String path, Set<String> allowed) {
        if (!(node instanceof MappingNode map)) {
            throw error(node, path.isEmpty() ? "(top level)" : path, "expected a mapping of keys to values");
        }
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw error(tuple.getKeyNode(), path, "keys must be plain names");
            }
            String field = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
            if (allowed != null && !allowed.contains(key.getValue())) {
                throw error(key, field, "unknown field; expected one of " + new TreeSet<>(allowed));
            }
            // SnakeYAML's duplicate-key check works when constructing objects, not on the node
            // tree: a second value silently winning would be a policy nobody reviewed.
            if (out.containsKey(key.getValue())) {
                throw error(key, field, "appears twice in the same mapping");
            }
            out.put(key.getValue(), tuple);
        }
        return out;
    }

    Node require(Map<String, NodeTuple> fields, Node parent, String path, String key) {
        NodeTuple tuple = fields.get(key);
        if (tuple == null) {
            throw error(parent, path.isEmpty() ? key : path + "." + key, "required");
        }
        return tuple.getValueNode();
    }

    Optional<String> optionalScalar(Map<String, NodeTuple> fields, String path, String key) {
        NodeTuple tuple = fields.get(key);
        if (tuple == null) {
            return Optional.empty();
        }
        if (!(tuple.getValueNode() instanceof ScalarNode s)) {
            throw error(tuple.getValueNode(), path + "." + key, "expected text");
        }
        return Optional.of(s.getValue());
    }

    /** A yes/no field; absent is no. Only YAML's plain {@code true} and {@code false} count, not "yes" or 1. */
    boolean flag(Map<String, NodeTuple> fields, String path, String key) {
        NodeTuple tuple = fields.get(key);
        if (tuple == null) {
            return false;
        }
        if (!(tuple.getValueNode() instanceof ScalarNode s) || !Tag.BOOL.equals(s.getTag())
                || !Set.of("true", "false").contains(s.getValue())) {
            throw error(tuple.getValueNode(), path + "." + key, "expected true or false");
        }
        return s.getValue().equals("true");
    }

    Set<String> optionalGroups(Map<String, NodeTuple> fields, String path, String key) {
        NodeTuple tuple = fields.get(key);
        return tuple == null ? Set.of() : groups(tuple.getValueNode(), path + "." + key);
    }

    Set<String> groups(Node node, String path) {
        if (!(node instanceof SequenceNode seq)) {
            throw error(node, path, "expected a list of group names, such as [payments-dev]");
        }
        Set<String> out = new LinkedHashSet<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof ScalarNode s) || s.getValue().isBlank()) {
                throw error(item, path, "a group is a non-empty name");
            }
            out.add(s.getValue());
        }
        return out;
    }

    Duration duration(Node node, String path) {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, path, "expected a duration such as " + Durations.FORMS);
        }
        try {
            return Durations.parse(s.getValue());
        } catch (DurationSyntaxException e) {
            throw error(node, path, e.getMessage());
        }
    }

    PolicyException error(Node node, String field, String problem) {
        return new PolicyException(source, node.getStartMark().getLine() + 1, field, problem);
    }
}
