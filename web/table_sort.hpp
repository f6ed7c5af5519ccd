#pragma once
// Sorting a data table by clicking its headers. The sorter orders a vector of row indices, never the
// rows themselves, so a list whose order means something in the domain (a municipality's ranking,
// the regional proposal) can be viewed sorted by name without that order changing. It sorts again
// only when a header was clicked or the rows changed, not every frame: collating thousands of names
// sixty times a second would cost more than drawing the few rows the clipper shows.
#include <imgui.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string_view>
#include <vector>

#include "alis/date.hpp"

namespace alis::web::ui {

// A cheap, order-sensitive summary of the rows and their sortable values (FNV-1a). When it changes,
// the display order is rebuilt.
class Fingerprint {
public:
    Fingerprint& add(std::string_view text);
    Fingerprint& add(long long number);
    Fingerprint& add(const Date& date);
    std::uint64_t value() const { return hash_; }

private:
    void mix(const void* data, std::size_t size);
    std::uint64_t hash_ = 14695981039346656037ull;
};

// Negative, zero or positive. Text in Norwegian order (Zara < Ærlig < Øystein < Åse), dates in
// time order, numbers by value.
int compare_text(std::string_view a, std::string_view b);
int compare_dates(const Date& a, const Date& b);
int compare_numbers(long long a, long long b);

// Compares the caller's rows a and b on one column.
using ColumnCompare = std::function<int(int a, int b, int column)>;

// Flags for a sortable data table: a first click sorts ascending, a second descending, a third
// goes back to the screen's own order.
inline constexpr ImGuiTableFlags kSortable = ImGuiTableFlags_Sortable | ImGuiTableFlags_SortTristate;

// The header row, each header reported to the probe under its visible label so that a test clicks
// it as a person would.
void table_headers();

class TableSorter {
public:
    // Call between the header row and the first data row. `count` rows in the caller's own order;
    // returns their indices in display order.
    const std::vector<int>& order(int count, std::uint64_t fingerprint, const ColumnCompare& compare);
    // True when the person sorted the view by a column (not the screen's own order).
    bool sorted() const { return !specs_.empty(); }
    // How often the rows were actually sorted (n log n), so a test can show that idle frames do not
    // sort, and that turning a column's direction reads the order already sorted.
    std::uint64_t sort_count() const { return sorts_; }

private:
    struct Spec {
        int column = 0;
        bool descending = false;
        bool operator==(const Spec&) const = default;
    };
    std::vector<int> order_;
    std::vector<Spec> specs_;
    std::map<int, std::vector<int>> ascending_;  // column -> its ascending order, for the present rows
    std::uint64_t fingerprint_ = 0;
    int count_ = -1;
    std::uint64_t sorts_ = 0;
};

}  // namespace alis::web::ui
