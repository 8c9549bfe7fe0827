{
  "targets": [
    {
      "target_name": "tensorgrad",
      "sources": [
        "native/src/addon.cc",
        "native/src/addon_train.cc",
        "native/src/addon_fused.cc",
        "native/src/napi_util.cc",
        "native/src/threadpool.cc",
        "native/src/gemm.cc",
        "native/src/gemm_small.cc",
        "native/src/pack.cc",
        "native/src/ukernels.cc",
        "native/src/elementwise.cc",
        "native/src/reduce.cc",
        "native/src/conv.cc",
        "native/src/pool2d.cc",
        "native/src/optim.cc",
        "native/src/activations.cc",
        "native/src/fused.cc",
        "native/src/arena.cc",
        "native/src/lstm.cc"
      ],
      "defines": ["NAPI_VERSION=8"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti"],
      "cflags": ["-O3", "-march=native", "-ffp-contract=off", "-fno-math-errno", "-fexceptions"],
      "cflags_cc": ["-std=c++17", "-O3", "-march=native", "-ffp-contract=off", "-fno-math-errno", "-fexceptions"],
      "ldflags": ["-pthread"],
      "xcode_settings": {
        "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
        "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
        "OTHER_CFLAGS": ["-O3", "-ffp-contract=off", "-fno-math-errno"]
      },
      "msvs_settings": {
        "VCCLCompilerTool": { "ExceptionHandling": 1, "AdditionalOptions": ["/O2", "/arch:AVX2", "/fp:precise"] }
      }
    }
  ]
}
