#include "io/yaml_tree.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace corridor::io {
namespace {

SourceLocation location(const YAML::Mark& mark, const std::string& file) {
  if (mark.is_null()) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

// Limits on the converted tree. YAML aliases make a document a graph: `&a [*a]`
// is a cycle and nested aliases grow exponentially ("billion laughs"), so both
// the depth and the total number of nodes are bounded; no scenario comes close.
constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxNodes = 100'000;  // the Trans-Caspian baseline has a few thousand

struct ConvertBudget {
  std::string file;
  std::size_t nodes = 0;
};

YamlNode convert(const YAML::Node& node, ConvertBudget& budget, int depth) {
  const std::string& file = budget.file;
  YamlNode out;
  out.where = location(node.Mark(), file);
  if (depth > kMaxDepth) {
    throw InputError(out.where, "YAML nested deeper than " + std::to_string(kMaxDepth) + " levels",
                     "a shallower document (aliases that refer to themselves are not allowed)");
  }
  if (++budget.nodes > kMaxNodes) {
    throw InputError(out.where,
                     "YAML document expands to more than " + std::to_string(kMaxNodes) + " values",
                     "a smaller document (aliases are expanded)");
  }
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      out.kind = YamlNode::Kind::null;
      break;
    case YAML::NodeType::Scalar:
      out.kind = YamlNode::Kind::scalar;
      out.scalar = node.Scalar();
      break;
    case YAML::NodeType::Sequence:
      out.kind = YamlNode::Kind::sequence;
      for (const YAML::Node& item : node) out.items.push_back(convert(item, budget, depth + 1));
      break;
    case YAML::NodeType::Map:
      out.kind = YamlNode::Kind::map;
      for (const auto& kv : node) {
        const SourceLocation key_where = location(kv.first.Mark(), file);
        if (!kv.first.IsScalar()) {
          throw InputError(key_where, "a key that is not a plain word", "a scalar key");
        }
        const std::string key = kv.first.Scalar();
        if (out.find(key) != nullptr) {
          throw InputError(key_where, "duplicate key '" + key + "'", "each key once per map");
        }
        out.entries.push_back(YamlEntry{key, key_where, convert(kv.second, budget, depth + 1)});
      }
      break;
  }
  return out;
}

bool is_id_list(const YamlNode& n) {
  return n.is_sequence() && !n.items.empty() &&
         std::all_of(n.items.begin(), n.items.end(), [](const YamlNode& item) {
           const YamlNode* id = item.is_map() ? item.find("id") : nullptr;
           return id != nullptr && id->is_scalar();
         });
}

}  // namespace

const YamlNode* YamlNode::find(std::string_view key) const {
  for (const YamlEntry& e : entries) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

YamlNode* YamlNode::find(std::string_view key) {
  return const_cast<YamlNode*>(std::as_const(*this).find(key));
}

std::string_view YamlNode::kind_name() const {
  switch (kind) {
    case Kind::null:
      return "nothing";
    case Kind::scalar:
      return "a value";
    case Kind::sequence:
      return "a list";
    case Kind::map:
      return "a map";
  }
  return "nothing";
}

YamlNode parse_yaml(const std::string& content, const std::string& file) {
  YamlNode tree;
  try {
    const YAML::Node root = YAML::Load(content);
    ConvertBudget budget{file};
    tree = convert(root, budget, 0);
  } catch (const YAML::Exception& e) {
    // Every yaml-cpp exception (ParserException, DeepRecursion, BadConversion, ...)
    // derives from YAML::Exception and carries a mark.
    throw InputError(location(e.mark, file), "YAML syntax error: " + e.msg, "well-formed YAML");
  }
  if (tree.kind == YamlNode::Kind::null) {
    throw InputError({file, 1, 1}, "empty scenario file", "a YAML map of scenario keys");
  }
  return tree;
}

void merge_yaml(YamlNode& base, const YamlNode& over) {
  if (base.is_map() && over.is_map()) {
    for (const YamlEntry& e : over.entries) {
      if (YamlNode* existing = base.find(e.key)) {
        merge_yaml(*existing, e.value);
      } else {
        base.entries.push_back(e);
      }
    }
    return;
  }
  if (is_id_list(base) && is_id_list(over)) {
    for (std::size_t i = 0; i < over.items.size(); ++i) {
      const YamlNode& item = over.items[i];
      for (std::size_t j = 0; j < i; ++j) {
        if (over.items[j].find("id")->scalar == item.find("id")->scalar) {
          throw InputError(item.find("id")->where,
                           "duplicate id '" + item.find("id")->scalar + "' in this list",
                           "each id once per list");
        }
      }
      const std::string& id = item.find("id")->scalar;
      auto same = std::find_if(base.items.begin(), base.items.end(),
                               [&](const YamlNode& b) { return b.find("id")->scalar == id; });
      if (same != base.items.end()) {
        merge_yaml(*same, item);
      } else {
        base.items.push_back(item);
      }
    }
    return;
  }
  base = over;
}

}  // namespace corridor::io
