#pragma once
/// \file
/// `boost::mpl::vector51` … `vector70`, for the lifecycle's transition table (more rows than the
/// 50 MPL ships). Generated the way MPL generates its own numbered vectors, by iterating its
/// `numbered.hpp` over the arities it lacks. Only the numbered forms are added: the variadic
/// `mpl::vector<…>` and MPL's configuration stay as every other translation unit sees them.

#include <boost/mpl/aux_/config/ctps.hpp>
#include <boost/mpl/aux_/config/typeof.hpp>
#include <boost/mpl/vector/vector50.hpp>
#include <boost/preprocessor/iterate.hpp>

namespace boost::mpl {
// clang-format off
#define BOOST_PP_ITERATION_PARAMS_1 (3, (51, 70, <boost/mpl/vector/aux_/numbered.hpp>))
#include BOOST_PP_ITERATE()
// clang-format on
}  // namespace boost::mpl
